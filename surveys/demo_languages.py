"""The demo questionnaire in Turkish, Arabic, Ukrainian and Romanian, next to the German and
English of surveys.demo: German text → {language: translation}. Written for this platform in
plain, polite wording (formal address), as a district office would write to businesses."""

LANGUAGES = ["tr", "ar", "uk", "ro"]

# fmt: off
TEXTS: dict[str, tuple[str, str, str, str]] = {
    # German: (Turkish, Arabic, Ukrainian, Romanian)
    "Bedarfsbefragung interkulturelle Öffnung": (
        "Kültürlerarası açılım ihtiyaç anketi",
        "استبيان الاحتياجات: الانفتاح بين الثقافات",
        "Опитування потреб: міжкультурна відкритість",
        "Chestionar privind nevoile: deschiderea interculturală"),
    "Ihr Landratsamt möchte wissen, wo Ihr Betrieb bei der Gewinnung und Bindung von Fachkräften "
    "mit internationaler Geschichte Unterstützung braucht. Das Ausfüllen dauert etwa zehn Minuten; "
    "Sie können jederzeit unterbrechen und später weitermachen.": (
        "İlçe idareniz, işletmenizin uluslararası geçmişe sahip nitelikli çalışanları kazanma ve "
        "elde tutma konusunda nerede desteğe ihtiyaç duyduğunu öğrenmek istiyor. Anketi "
        "doldurmak yaklaşık on dakika sürer; istediğiniz zaman ara verip daha sonra devam "
        "edebilirsiniz.",
        "يرغب مكتب المقاطعة لديكم في معرفة المجالات التي تحتاج فيها شركتكم إلى دعم في استقطاب "
        "العمال المهرة ذوي الخلفيات الدولية والاحتفاظ بهم. يستغرق ملء الاستبيان نحو عشر دقائق، "
        "ويمكنكم التوقف في أي وقت والمتابعة لاحقًا.",
        "Ваша районна адміністрація хоче дізнатися, де вашому підприємству потрібна підтримка в "
        "залученні та утриманні фахівців з міжнародним досвідом. Заповнення триває близько "
        "десяти хвилин; ви можете будь-коли перерватися і продовжити пізніше.",
        "Administrația districtului dumneavoastră dorește să afle unde are nevoie firma "
        "dumneavoastră de sprijin pentru atragerea și păstrarea specialiștilor cu origini "
        "internaționale. Completarea durează aproximativ zece minute; puteți întrerupe oricând și "
        "continua mai târziu."),
    "Unten finden Sie Maßnahmen und Ansprechpartner, die zu Ihren Antworten passen.": (
        "Aşağıda yanıtlarınıza uyan önlemleri ve irtibat kişilerini bulabilirsiniz.",
        "تجدون أدناه إجراءات وأشخاص اتصال يناسبون إجاباتكم.",
        "Нижче ви знайдете заходи та контактних осіб, що відповідають вашим відповідям.",
        "Mai jos găsiți măsuri și persoane de contact potrivite răspunsurilor dumneavoastră."),
    "Ihre Antworten werden vom Projekt IKÖKMU im Auftrag Ihres Landratsamts ausgewertet. "
    "Ergebnisse werden nur zusammengefasst gezeigt, nie für Gruppen unter fünf Betrieben. "
    "Sie können Ihre Einwilligung jederzeit widerrufen.": (
        "Yanıtlarınız, ilçe idarenizin talebi üzerine IKÖKMU projesi tarafından "
        "değerlendirilir. Sonuçlar yalnızca toplu olarak gösterilir, hiçbir zaman beşten az "
        "işletmeden oluşan gruplar için gösterilmez. Onayınızı istediğiniz zaman geri "
        "alabilirsiniz.",
        "يقوم مشروع IKÖKMU بتحليل إجاباتكم بتكليف من مكتب المقاطعة لديكم. لا تُعرض النتائج إلا "
        "بشكل مجمّع، ولا تُعرض أبدًا لمجموعات تضم أقل من خمس شركات. يمكنكم سحب موافقتكم في أي "
        "وقت.",
        "Ваші відповіді аналізує проєкт IKÖKMU на замовлення вашої районної адміністрації. "
        "Результати показуються лише узагальнено й ніколи для груп, менших за п'ять підприємств. "
        "Ви можете будь-коли відкликати свою згоду.",
        "Răspunsurile dumneavoastră sunt analizate de proiectul IKÖKMU în numele administrației "
        "districtului. Rezultatele sunt prezentate doar cumulat, niciodată pentru grupuri de mai "
        "puțin de cinci firme. Vă puteți retrage consimțământul oricând."),
    "Ich habe den Datenschutzhinweis gelesen und bin mit der Verarbeitung meiner Antworten "
    "einverstanden.": (
        "Gizlilik bildirimini okudum ve yanıtlarımın işlenmesini kabul ediyorum.",
        "لقد قرأت إشعار حماية البيانات وأوافق على معالجة إجاباتي.",
        "Я прочитав(-ла) повідомлення про захист даних і погоджуюся на обробку моїх відповідей.",
        "Am citit nota de informare privind protecția datelor și sunt de acord cu prelucrarea "
        "răspunsurilor mele."),
    "Ihr Unternehmen": ("İşletmeniz", "شركتكم", "Ваше підприємство", "Firma dumneavoastră"),
    "Einige Angaben zu Ihrem Betrieb.": (
        "İşletmeniz hakkında birkaç bilgi.", "بعض المعلومات عن شركتكم.",
        "Кілька відомостей про ваше підприємство.",
        "Câteva informații despre firma dumneavoastră."),
    "In welcher Branche ist Ihr Betrieb tätig?": (
        "İşletmeniz hangi sektörde faaliyet gösteriyor?", "في أي قطاع تعمل شركتكم؟",
        "У якій галузі працює ваше підприємство?", "În ce domeniu activează firma dumneavoastră?"),
    "Andere Branche, und zwar:": (
        "Başka bir sektör, şöyle ki:", "قطاع آخر، وهو:", "Інша галузь, а саме:",
        "Alt domeniu, și anume:"),
    "Handwerk": ("Zanaat", "الحِرف", "Ремесло", "Meșteșuguri"),
    "Industrie und Produktion": ("Sanayi ve üretim", "الصناعة والإنتاج",
                                 "Промисловість і виробництво", "Industrie și producție"),
    "Handel": ("Ticaret", "التجارة", "Торгівля", "Comerț"),
    "Dienstleistung": ("Hizmet", "الخدمات", "Послуги", "Servicii"),
    "Gastronomie und Tourismus": ("Yeme-içme ve turizm", "المطاعم والسياحة",
                                  "Гастрономія і туризм", "Gastronomie și turism"),
    "Pflege und Gesundheit": ("Bakım ve sağlık", "الرعاية والصحة", "Догляд і охорона здоров'я",
                              "Îngrijire și sănătate"),
    "Sonstiges": ("Diğer", "غير ذلك", "Інше", "Altele"),
    "Wie viele Beschäftigte hat Ihr Betrieb?": (
        "İşletmenizde kaç kişi çalışıyor?", "كم عدد العاملين في شركتكم؟",
        "Скільки працівників має ваше підприємство?", "Câți angajați are firma dumneavoastră?"),
    "Beschäftigte": ("çalışan", "موظفًا", "працівників", "angajați"),
    "Seit wann besteht Ihr Betrieb?": (
        "İşletmeniz ne zamandan beri var?", "منذ متى تأسست شركتكم؟",
        "Відколи існує ваше підприємство?", "De când există firma dumneavoastră?"),
    "Ein ungefähres Jahr genügt.": (
        "Yaklaşık bir yıl yeterlidir.", "تكفي سنة تقريبية.", "Достатньо приблизного року.",
        "Este suficient un an aproximativ."),
    "Beschäftigen Sie Menschen, die im Ausland geboren oder aufgewachsen sind?": (
        "Yurt dışında doğmuş veya büyümüş kişileri istihdam ediyor musunuz?",
        "هل توظفون أشخاصًا وُلدوا أو نشأوا خارج ألمانيا؟",
        "Чи працюють у вас люди, які народилися або виросли за кордоном?",
        "Angajați persoane născute sau crescute în străinătate?"),
    "Ja": ("Evet", "نعم", "Так", "Da"),
    "Nein": ("Hayır", "لا", "Ні", "Nu"),
    "Wie hoch ist ungefähr ihr Anteil an der Belegschaft?": (
        "Çalışanlarınız içindeki payları yaklaşık ne kadar?",
        "ما نسبتهم التقريبية من مجموع العاملين؟",
        "Яка приблизно їхня частка серед працівників?",
        "Care este, aproximativ, ponderea lor în totalul angajaților?"),
    "Prozent": ("yüzde", "بالمئة", "відсотків", "procente"),
    "Fachkräfte gewinnen": ("Nitelikli çalışan kazanmak", "استقطاب العمال المهرة",
                            "Залучення фахівців", "Atragerea specialiștilor"),
    "Haben Sie offene Stellen, die Sie schwer besetzen können?": (
        "Doldurmakta zorlandığınız açık pozisyonlarınız var mı?",
        "هل لديكم وظائف شاغرة يصعب عليكم شغلها؟",
        "Чи є у вас вакансії, які важко заповнити?",
        "Aveți posturi vacante greu de ocupat?"),
    "Wie suchen Sie neue Beschäftigte?": (
        "Yeni çalışanları nasıl arıyorsunuz?", "كيف تبحثون عن موظفين جدد؟",
        "Як ви шукаєте нових працівників?", "Cum căutați angajați noi?"),
    "Anderer Weg, und zwar:": ("Başka bir yol, şöyle ki:", "طريقة أخرى، وهي:",
                               "Інший спосіб, а саме:", "Altă cale, și anume:"),
    "Stellenanzeigen": ("İş ilanları", "إعلانات الوظائف", "Оголошення про вакансії",
                        "Anunțuri de angajare"),
    "Agentur für Arbeit oder Jobcenter": (
        "İş Ajansı veya Jobcenter", "وكالة العمل أو مركز التوظيف (Jobcenter)",
        "Агентство праці або Jobcenter", "Agenția pentru ocuparea forței de muncă sau Jobcenter"),
    "Empfehlungen von Beschäftigten": (
        "Çalışanların tavsiyeleri", "توصيات من الموظفين", "Рекомендації працівників",
        "Recomandări de la angajați"),
    "Soziale Medien": ("Sosyal medya", "وسائل التواصل الاجتماعي", "Соціальні мережі",
                       "Rețele sociale"),
    "Anwerbung im Ausland": ("Yurt dışından işe alım", "التوظيف من الخارج",
                             "Набір працівників за кордоном", "Recrutare din străinătate"),
    "Wie wichtig ist für Sie die Gewinnung internationaler Fachkräfte?": (
        "Uluslararası nitelikli çalışan kazanmak sizin için ne kadar önemli?",
        "ما مدى أهمية استقطاب العمال المهرة من الخارج بالنسبة لكم؟",
        "Наскільки важливим для вас є залучення іноземних фахівців?",
        "Cât de importantă este pentru dumneavoastră atragerea specialiștilor internaționali?"),
    "unwichtig": ("önemsiz", "غير مهم", "неважливо", "neimportant"),
    "sehr wichtig": ("çok önemli", "مهم جدًا", "дуже важливо", "foarte important"),
    "Haben Sie Erfahrung mit der Anerkennung ausländischer Berufsabschlüsse?": (
        "Yurt dışı meslek diplomalarının denkliği konusunda deneyiminiz var mı?",
        "هل لديكم خبرة في الاعتراف بالمؤهلات المهنية الأجنبية؟",
        "Чи маєте ви досвід визнання іноземних професійних кваліфікацій?",
        "Aveți experiență cu recunoașterea calificărilor profesionale din străinătate?"),
    "Ja, gute Erfahrungen": ("Evet, iyi deneyimler", "نعم، تجارب جيدة", "Так, добрий досвід",
                             "Da, experiențe bune"),
    "Ja, es war schwierig": ("Evet, zordu", "نعم، كان الأمر صعبًا", "Так, це було складно",
                             "Da, a fost dificil"),
    "Nein, aber es interessiert uns": (
        "Hayır, ama ilgileniyoruz", "لا، لكن الموضوع يهمنا", "Ні, але нас це цікавить",
        "Nu, dar ne interesează"),
    "Nein, kein Thema": ("Hayır, bizim için konu değil", "لا، ليس موضوعًا لدينا",
                         "Ні, це не актуально", "Nu, nu este un subiect pentru noi"),
    "Was erschwert die Besetzung Ihrer offenen Stellen am meisten?": (
        "Açık pozisyonlarınızı doldurmayı en çok ne zorlaştırıyor?",
        "ما أكثر ما يصعّب شغل وظائفكم الشاغرة؟",
        "Що найбільше ускладнює заповнення ваших вакансій?",
        "Ce îngreunează cel mai mult ocuparea posturilor vacante?"),
    "Einarbeitung und Sprache": ("İşe alıştırma ve dil", "التأهيل الوظيفي واللغة",
                                 "Адаптація та мова", "Integrare și limbă"),
    "Dieser Teil erscheint, weil Sie internationale Beschäftigte haben.": (
        "Bu bölüm, uluslararası çalışanlarınız olduğu için görünüyor.",
        "يظهر هذا الجزء لأن لديكم موظفين من خلفيات دولية.",
        "Цей розділ з'явився, бо у вас працюють іноземні працівники.",
        "Această parte apare deoarece aveți angajați internaționali."),
    "Wie groß ist Ihr Unterstützungsbedarf bei …": (
        "Şu konularda ne kadar desteğe ihtiyacınız var …",
        "ما مدى حاجتكم إلى الدعم في …",
        "Наскільки вам потрібна підтримка в …",
        "Cât de mare este nevoia dumneavoastră de sprijin pentru …"),
    "kein Bedarf": ("ihtiyaç yok", "لا حاجة", "немає потреби", "nicio nevoie"),
    "sehr großer Bedarf": ("çok büyük ihtiyaç", "حاجة كبيرة جدًا", "дуже велика потреба",
                           "nevoie foarte mare"),
    "der Einarbeitung": ("işe alıştırma", "التأهيل الوظيفي", "адаптації нових працівників",
                         "integrarea noilor angajați"),
    "der Deutschförderung": ("Almanca desteği", "دعم تعلم اللغة الألمانية",
                             "підтримці вивчення німецької", "sprijinul pentru limba germană"),
    "mehrsprachigen Informationen": ("çok dilli bilgiler", "المعلومات متعددة اللغات",
                                     "багатомовній інформації", "informații în mai multe limbi"),
    "der Schulung von Führungskräften": (
        "yöneticilerin eğitimi", "تدريب المديرين", "навчанні керівників",
        "instruirea managerilor"),
    "Missverständnissen im Team": ("ekip içindeki yanlış anlamalar", "سوء التفاهم داخل الفريق",
                                   "непорозуміннях у команді", "neînțelegerile din echipă"),
    "Welche Sprachförderung bieten Sie an?": (
        "Hangi dil desteğini sunuyorsunuz?", "ما نوع الدعم اللغوي الذي تقدمونه؟",
        "Яку мовну підтримку ви пропонуєте?", "Ce sprijin lingvistic oferiți?"),
    "Deutschkurse": ("Almanca kursları", "دورات اللغة الألمانية", "Курси німецької мови",
                     "Cursuri de limba germană"),
    "Deutsch am Arbeitsplatz": ("İşyerinde Almanca", "الألمانية في مكان العمل",
                                "Німецька на робочому місці", "Germană la locul de muncă"),
    "Informationen in einfacher Sprache": (
        "Sade dilde bilgiler", "معلومات بلغة مبسطة", "Інформація простою мовою",
        "Informații în limbaj simplu"),
    "Bisher keine": ("Şimdiye kadar hiçbiri", "لا شيء حتى الآن", "Поки що жодної",
                     "Deocamdată niciunul"),
    "Gibt es Patinnen oder Paten für neue Beschäftigte?": (
        "Yeni çalışanlar için mentorlar var mı?", "هل يوجد مرشدون للموظفين الجدد؟",
        "Чи є наставники для нових працівників?", "Există mentori pentru angajații noi?"),
    "Welche Sprachen werden in Ihrem Betrieb gesprochen?": (
        "İşletmenizde hangi diller konuşuluyor?", "ما اللغات التي يُتحدث بها في شركتكم؟",
        "Якими мовами розмовляють на вашому підприємстві?",
        "Ce limbi se vorbesc în firma dumneavoastră?"),
    "Wie zufrieden sind Sie mit der Einarbeitung neuer Beschäftigter?": (
        "Yeni çalışanların işe alıştırılmasından ne kadar memnunsunuz?",
        "ما مدى رضاكم عن تأهيل الموظفين الجدد؟",
        "Наскільки ви задоволені адаптацією нових працівників?",
        "Cât de mulțumit sunteți de integrarea angajaților noi?"),
    "gar nicht": ("hiç", "إطلاقًا", "зовсім ні", "deloc"),
    "voll und ganz": ("tamamen", "تمامًا", "повністю", "pe deplin"),
    "Betriebskultur und Leben vor Ort": (
        "İşletme kültürü ve yerel yaşam", "ثقافة الشركة والحياة المحلية",
        "Культура підприємства та життя на місці", "Cultura firmei și viața la fața locului"),
    "Spricht Ihr Leitbild Vielfalt ausdrücklich an?": (
        "Misyon bildirgeniz çeşitliliği açıkça ele alıyor mu?",
        "هل يتناول بيان الرؤية لديكم التنوع بشكل صريح؟",
        "Чи згадує ваша місія різноманіття прямо?",
        "Declarația de misiune a firmei abordează explicit diversitatea?"),
    "Wie schwer ist es für neue Beschäftigte, eine Wohnung zu finden?": (
        "Yeni çalışanların konut bulması ne kadar zor?",
        "ما مدى صعوبة عثور الموظفين الجدد على سكن؟",
        "Наскільки важко новим працівникам знайти житло?",
        "Cât de greu le este angajaților noi să găsească o locuință?"),
    "leicht": ("kolay", "سهل", "легко", "ușor"),
    "sehr schwer": ("çok zor", "صعب جدًا", "дуже важко", "foarte greu"),
    "Wobei unterstützen Sie neue Beschäftigte außerhalb der Arbeit?": (
        "Yeni çalışanlara iş dışında hangi konularda destek oluyorsunuz?",
        "في أي أمور تدعمون الموظفين الجدد خارج العمل؟",
        "У чому ви підтримуєте нових працівників поза роботою?",
        "La ce îi sprijiniți pe angajații noi în afara muncii?"),
    "Wohnungssuche": ("Konut arama", "البحث عن سكن", "Пошук житла", "Căutarea unei locuințe"),
    "Behördengänge": ("Resmi işlemler", "المعاملات لدى الجهات الرسمية", "Справи в установах",
                      "Drumuri la autorități"),
    "Kinderbetreuung": ("Çocuk bakımı", "رعاية الأطفال", "Догляд за дітьми",
                        "Îngrijirea copiilor"),
    "Freizeit und Vereine": ("Boş zaman ve dernekler", "أوقات الفراغ والأندية",
                             "Дозвілля та клуби", "Timp liber și asociații"),
    "Bisher nicht": ("Şimdiye kadar hayır", "لا شيء حتى الآن", "Поки що ні",
                     "Deocamdată nu"),
    "Arbeiten Sie mit Kommune, Kammern oder Arbeitsagentur zusammen, um Fachkräfte zu gewinnen?": (
        "Nitelikli çalışan kazanmak için belediye, meslek odaları veya İş Ajansı ile iş birliği "
        "yapıyor musunuz?",
        "هل تتعاونون مع البلدية أو الغرف أو وكالة العمل لاستقطاب العمال المهرة؟",
        "Чи співпрацюєте ви з громадою, палатами або агентством праці, щоб залучати фахівців?",
        "Colaborați cu municipalitatea, camerele sau agenția pentru ocuparea forței de muncă "
        "pentru a atrage specialiști?"),
    "Regelmäßig": ("Düzenli olarak", "بانتظام", "Регулярно", "Regulat"),
    "Gelegentlich": ("Ara sıra", "أحيانًا", "Іноді", "Ocazional"),
    "Nie": ("Hiçbir zaman", "أبدًا", "Ніколи", "Niciodată"),
    "Wie gut fühlen Sie sich über Angebote in der Region informiert?": (
        "Bölgedeki destek imkânları hakkında kendinizi ne kadar bilgilendirilmiş hissediyorsunuz?",
        "إلى أي مدى تشعرون بأنكم على اطلاع بالعروض المتاحة في المنطقة؟",
        "Наскільки добре ви поінформовані про пропозиції в регіоні?",
        "Cât de bine vă simțiți informat despre ofertele din regiune?"),
    "Gut": ("İyi", "جيد", "Добре", "Bine"),
    "Teilweise": ("Kısmen", "جزئيًا", "Частково", "Parțial"),
    "Kaum": ("Pek değil", "بالكاد", "Майже ні", "Foarte puțin"),
    "Unterstützung und Ausblick": ("Destek ve gelecek", "الدعم والتطلعات",
                                   "Підтримка та перспективи", "Sprijin și perspective"),
    "Zu welchen Themen wünschen Sie sich Unterstützung?": (
        "Hangi konularda destek almak istersiniz?", "في أي مواضيع ترغبون في الحصول على دعم؟",
        "З яких тем ви хотіли б отримати підтримку?",
        "Pentru ce teme v-ați dori sprijin?"),
    "Personalgewinnung und Ausbildung": (
        "Personel kazanımı ve mesleki eğitim", "استقطاب الموظفين والتدريب المهني",
        "Залучення персоналу та професійне навчання", "Recrutare și formare profesională"),
    "Einarbeitung": ("İşe alıştırma", "التأهيل الوظيفي", "Адаптація", "Integrare"),
    "Sprache und Kommunikation": ("Dil ve iletişim", "اللغة والتواصل", "Мова та комунікація",
                                  "Limbă și comunicare"),
    "Anerkennung von Abschlüssen": ("Diplomaların denkliği", "الاعتراف بالشهادات",
                                    "Визнання дипломів", "Recunoașterea diplomelor"),
    "Betriebskultur": ("İşletme kültürü", "ثقافة الشركة", "Культура підприємства",
                       "Cultura firmei"),
    "Wohnen und Leben vor Ort": ("Konut ve yerel yaşam", "السكن والحياة المحلية",
                                 "Житло та життя на місці", "Locuință și viața la fața locului"),
    "Welche Form der Unterstützung passt am besten?": (
        "Hangi destek biçimi size en uygun?", "ما شكل الدعم الأنسب لكم؟",
        "Яка форма підтримки вам найкраще підходить?",
        "Ce formă de sprijin vi se potrivește cel mai bine?"),
    "Workshop": ("Atölye çalışması", "ورشة عمل", "Воркшоп", "Atelier"),
    "Persönliche Beratung": ("Kişisel danışmanlık", "استشارة شخصية", "Особиста консультація",
                             "Consiliere personală"),
    "Online-Angebote": ("Çevrim içi imkânlar", "عروض عبر الإنترنت", "Онлайн-пропозиції",
                        "Oferte online"),
    "Arbeitshilfen zum Nachlesen": ("Okunacak rehberler", "أدلة عمل للقراءة",
                                    "Посібники для читання", "Ghiduri de citit"),
    "Ab wann hätten Sie Zeit für ein Beratungsgespräch?": (
        "Ne zamandan itibaren bir danışmanlık görüşmesi için vaktiniz olur?",
        "متى سيكون لديكم وقت لجلسة استشارية؟",
        "З якого часу ви мали б час для консультації?",
        "De când ați avea timp pentru o discuție de consiliere?"),
    "Wie viele Stunden im Monat könnten Sie dafür einsetzen?": (
        "Bunun için ayda kaç saat ayırabilirsiniz?", "كم ساعة شهريًا يمكنكم تخصيصها لذلك؟",
        "Скільки годин на місяць ви могли б на це виділити?",
        "Câte ore pe lună ați putea aloca pentru aceasta?"),
    "Stunden": ("saat", "ساعة", "годин", "ore"),
    "Möchten Sie uns noch etwas mitteilen?": (
        "Bize iletmek istediğiniz başka bir şey var mı?", "هل تودون إخبارنا بشيء آخر؟",
        "Чи хочете ви ще щось нам повідомити?",
        "Doriți să ne mai transmiteți ceva?"),
}
# fmt: on


def translations_of(german: str) -> dict[str, str]:
    """The four further languages of a German demo text ({} where there are none)."""
    found = TEXTS.get(german)
    return dict(zip(LANGUAGES, found, strict=True)) if found else {}
