"""Titles and short summaries of the demo measures the demo questionnaire recommends most often
(the two first of each field of action for small and medium businesses), in English, Turkish,
Arabic, Ukrainian and Romanian; the other demo measures show their German summary, marked."""

# fmt: off
MEASURE_TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "anerkennungsverfahren-begleiten": {
        "en": ("Support the recognition procedure actively",
               "The company helps employees through the recognition procedure: documents, "
               "translations, deadlines."),
        "tr": ("Denklik sürecine etkin destek verin",
               "İşletme, denklik sürecinde çalışanlara destek olur: belgeler, çeviriler, süreler."),
        "ar": ("المرافقة الفعالة لإجراءات الاعتراف",
               "تدعم الشركة موظفيها خلال إجراءات الاعتراف بالمؤهلات: الوثائق والترجمات والمواعيد "
               "النهائية."),
        "uk": ("Активно супроводжувати процедуру визнання",
               "Підприємство допомагає працівникам під час процедури визнання: документи, "
               "переклади, строки."),
        "ro": ("Însoțiți activ procedura de recunoaștere",
               "Firma își sprijină angajații în procedura de recunoaștere: documente, traduceri, "
               "termene."),
    },
    "anonymisierte-bewerbungsverfahren": {
        "en": ("Try anonymised application procedures",
               "Decide in the first round without name, photo and origin, so that only "
               "suitability counts."),
        "tr": ("Anonim başvuru süreçlerini deneyin",
               "İlk seçim turunda ad, fotoğraf ve köken olmadan karar verin; böylece yalnızca "
               "uygunluk önemli olur."),
        "ar": ("تجربة إجراءات التقديم مجهولة الهوية",
               "اتخاذ القرار في الجولة الأولى دون الاسم والصورة والأصل، بحيث لا يُحتسب إلا مدى "
               "الملاءمة للوظيفة."),
        "uk": ("Випробувати анонімні процедури відбору",
               "У першому турі відбору вирішувати без імені, фото й походження, щоб важили лише "
               "здібності."),
        "ro": ("Testați proceduri de candidatură anonimizate",
               "În prima rundă de selecție decideți fără nume, fotografie și origine, astfel încât "
               "să conteze doar potrivirea pentru post."),
    },
    "ausbildungspartnerschaften": {
        "en": ("Training partnerships with vocational school and language course provider",
               "Training companies, the vocational school and the language course provider "
               "coordinate lessons, language support and work."),
        "tr": ("Meslek okulu ve dil kursu kurumu ile eğitim ortaklıkları",
               "Eğitim veren işletmeler, meslek okulu ve dil kursu kurumu dersleri, dil desteğini "
               "ve işyerindeki çalışmayı birbirine uyumlu hâle getirir."),
        "ar": ("شراكات تدريب مع المدرسة المهنية وجهة دورات اللغة",
               "تنسّق الشركات المدرِّبة والمدرسة المهنية وجهة دورات اللغة بين الدروس ودعم اللغة "
               "والعمل في الشركة."),
        "uk": ("Навчальні партнерства з профтехшколою та мовними курсами",
               "Підприємства, що навчають, профтехшкола та організатор мовних курсів узгоджують "
               "заняття, мовну підтримку та роботу."),
        "ro": ("Parteneriate de formare cu școala profesională și furnizorul de cursuri de limbă",
               "Firmele formatoare, școala profesională și furnizorul de cursuri de limbă "
               "corelează lecțiile, sprijinul lingvistic și munca."),
    },
    "feiertagskalender-und-flexible-pausen": {
        "en": ("Holiday calendar and flexible breaks",
               "A calendar of all employees' holidays and flexible breaks make religious practice "
               "and family celebrations easier."),
        "tr": ("Bayram takvimi ve esnek molalar",
               "Tüm çalışanların bayramlarını gösteren bir takvim ve esnek molalar, dini "
               "uygulamaları ve aile kutlamalarını kolaylaştırır."),
        "ar": ("تقويم الأعياد وفترات استراحة مرنة",
               "يسهّل تقويمٌ لأعياد جميع الموظفين وفترات استراحة مرنة ممارسة الشعائر الدينية "
               "والاحتفالات العائلية."),
        "uk": ("Календар свят і гнучкі перерви",
               "Календар свят усіх працівників і гнучкі перерви полегшують релігійну практику та "
               "сімейні свята."),
        "ro": ("Calendar al sărbătorilor și pauze flexibile",
               "Un calendar cu sărbătorile tuturor angajaților și pauzele flexibile ușurează "
               "practica religioasă și sărbătorile de familie."),
    },
    "glossar-der-fachbegriffe": {
        "en": ("Glossary of the most important technical terms",
               "A list of the words used every day at work, with explanation, picture and "
               "translation."),
        "tr": ("En önemli teknik terimler sözlüğü",
               "İşletmede her gün kullanılan terimlerin açıklama, resim ve çeviriyle birlikte "
               "listesi."),
        "ar": ("مسرد بأهم المصطلحات المهنية",
               "قائمة بالمصطلحات المستخدمة يوميًا في الشركة، مع شرح وصورة وترجمة."),
        "uk": ("Глосарій найважливіших фахових термінів",
               "Перелік слів, які щодня звучать на підприємстві, з поясненням, малюнком і "
               "перекладом."),
        "ro": ("Glosar al celor mai importanți termeni de specialitate",
               "O listă a termenilor folosiți zilnic în firmă, cu explicație, imagine și "
               "traducere."),
    },
    "kollegiale-fallberatung": {
        "en": ("Leading mixed teams: peer case consultation",
               "Managers advise each other on difficult situations in diverse teams."),
        "tr": ("Karma ekipleri yönetmek: meslektaş vaka danışmanlığı",
               "Yöneticiler, çeşitlilik gösteren ekiplerdeki zor durumlar hakkında birbirlerine "
               "danışır."),
        "ar": ("قيادة الفرق المتنوعة: استشارة الزملاء في الحالات",
               "يتبادل المديرون المشورة حول المواقف الصعبة في الفرق المتنوعة."),
        "uk": ("Керувати змішаними командами: колегіальне консультування",
               "Керівники радяться між собою щодо складних ситуацій у різноманітних командах."),
        "ro": ("Conducerea echipelor mixte: consiliere colegială pe cazuri",
               "Managerii se consiliază reciproc în situații dificile din echipe diverse."),
    },
    "kompetenzfeststellung-im-betrieb": {
        "en": ("Skills assessment at the workplace",
               "Anyone without certificates shows what they can do in a practical work test."),
        "tr": ("İşyerinde yetkinlik tespiti",
               "Diploması olmayan kişi, becerilerini uygulamalı bir iş denemesinde gösterir."),
        "ar": ("تقييم الكفاءات في مكان العمل",
               "من لا يملك شهادات يُظهر مهاراته في اختبار عمل تطبيقي."),
        "uk": ("Оцінювання компетентностей на підприємстві",
               "Хто не має документів про освіту, показує свої вміння на практичному "
               "випробуванні."),
        "ro": ("Evaluarea competențelor în firmă",
               "Cine nu are diplome își arată priceperea printr-o probă practică de lucru."),
    },
    "mitarbeitergespraeche-kultursensibel": {
        "en": ("Culturally sensitive staff appraisals",
               "Hold annual talks so that different expectations of feedback, hierarchy and "
               "career are discussed."),
        "tr": ("Kültüre duyarlı çalışan görüşmeleri",
               "Yıllık görüşmeleri, geri bildirim, hiyerarşi ve kariyer konusundaki farklı "
               "beklentilerin konuşulabileceği şekilde yapın."),
        "ar": ("إجراء مقابلات الموظفين بمراعاة الفروق الثقافية",
               "إجراء المقابلات السنوية بطريقة تتيح الحديث عن التوقعات المختلفة بشأن الملاحظات "
               "والتسلسل الإداري والمسار المهني."),
        "uk": ("Щорічні розмови з працівниками з урахуванням культури",
               "Проводити щорічні розмови так, щоб обговорювати різні очікування щодо зворотного "
               "зв'язку, ієрархії та кар'єри."),
        "ro": ("Discuții anuale cu angajații, sensibile la diferențe culturale",
               "Purtați discuțiile anuale astfel încât să fie abordate așteptările diferite "
               "privind feedbackul, ierarhia și cariera."),
    },
    "sprachtandems-im-team": {
        "en": ("Language tandems in the team",
               "Two employees learn from each other: one German, the other another language or "
               "a specialist subject."),
        "tr": ("Ekipte dil tandemleri",
               "İki çalışan birbirinden öğrenir: biri Almanca, diğeri başka bir dil veya bir "
               "uzmanlık alanı."),
        "ar": ("شراكات لغوية داخل الفريق",
               "يتعلم موظفان أحدهما من الآخر: أحدهما الألمانية، والآخر لغة أخرى أو مجالًا "
               "تخصصيًا."),
        "uk": ("Мовні тандеми в команді",
               "Двоє працівників навчаються один в одного: один — німецької, інший — іншої мови "
               "або фахової теми."),
        "ro": ("Tandemuri lingvistice în echipă",
               "Doi angajați învață unul de la celălalt: unul germana, celălalt o altă limbă sau "
               "un domeniu de specialitate."),
    },
    "stellenanzeigen-in-einfacher-sprache": {
        "en": ("Job advertisements in plain language",
               "Write job ads so that people with German as a second language also understand "
               "them and feel addressed."),
        "tr": ("Sade dilde iş ilanları",
               "İş ilanlarını, Almancayı ikinci dil olarak konuşanların da anlayacağı ve "
               "kendilerini muhatap hissedeceği şekilde yazın."),
        "ar": ("إعلانات وظائف بلغة مبسطة",
               "كتابة إعلانات الوظائف بحيث يفهمها أيضًا من يتحدثون الألمانية لغةً ثانية ويشعرون "
               "بأنها موجهة إليهم."),
        "uk": ("Оголошення про вакансії простою мовою",
               "Писати оголошення так, щоб їх розуміли й люди, для яких німецька — друга мова, і "
               "відчували, що звертаються до них."),
        "ro": ("Anunțuri de angajare în limbaj simplu",
               "Scrieți anunțurile astfel încât să fie înțelese și de persoanele cu germana ca a "
               "doua limbă și să se simtă vizate."),
    },
    "vereine-und-ehrenamt": {
        "en": ("Clubs and volunteering as door-openers",
               "Sports club, fire brigade or choir: leisure creates contacts that complement the "
               "workplace."),
        "tr": ("Kapı açıcı olarak dernekler ve gönüllülük",
               "Spor kulübü, itfaiye veya koro: boş zaman, işyerini tamamlayan bağlantılar kurar."),
        "ar": ("الأندية والعمل التطوعي مفتاحًا للاندماج",
               "نادٍ رياضي أو فرقة إطفاء أو جوقة: أوقات الفراغ تخلق علاقات تكمّل مكان العمل."),
        "uk": ("Клуби та волонтерство як шлях до знайомств",
               "Спортивний клуб, пожежна дружина чи хор: дозвілля дає знайомства, що доповнюють "
               "роботу."),
        "ro": ("Asociațiile și voluntariatul deschid uși",
               "Club sportiv, pompieri voluntari sau cor: timpul liber creează contacte care "
               "completează locul de muncă."),
    },
    "willkommensmappe-fuer-fachkraefte": {
        "en": ("Welcome pack for skilled workers",
               "A pack with everything newcomers need in their first weeks, from registering "
               "their address to the sports club."),
        "tr": ("Nitelikli çalışanlar için hoş geldin dosyası",
               "Yeni gelenlerin ilk haftalarda ihtiyaç duyduğu her şeyi içeren bir dosya: adres "
               "kaydından spor kulübüne kadar."),
        "ar": ("حقيبة ترحيب للعمال المهرة",
               "حقيبة تضم كل ما يحتاجه القادمون الجدد في أسابيعهم الأولى، من تسجيل السكن إلى "
               "النادي الرياضي."),
        "uk": ("Вітальний пакет для фахівців",
               "Папка з усім, що потрібно новоприбулим у перші тижні, — від реєстрації місця "
               "проживання до спортивного клубу."),
        "ro": ("Mapă de bun venit pentru specialiști",
               "O mapă cu tot ce le trebuie celor nou veniți în primele săptămâni, de la "
               "înregistrarea domiciliului până la clubul sportiv."),
    },
}
# fmt: on


def measure_translations(slug: str) -> dict:
    """{language: {"title": …, "summary": …}} of a demo measure ({} for the others)."""
    return {
        language: {"title": title, "summary": summary}
        for language, (title, summary) in MEASURE_TEXTS.get(slug, {}).items()
    }
