"""Respondents and visitors read the catalogue in their language (issue 12): translations of the
fields of action, per-language summaries of measures and offers, and the fixed vocabularies as
labels in the database, German required. The texts are our own; the team corrects and adds more
in the admin."""

from django.db import migrations, models
from django.db.models import F, Func, Q
from django.db.models.lookups import Exact

LANGS = ["de", "en", "tr", "ar", "uk", "ro"]

# vocabulary, code, then de, en, tr, ar, uk, ro
LABELS = [
    ("offer_type", "recognition_counselling", "Anerkennungsberatung", "Recognition counselling",
     "Denklik danışmanlığı", "استشارات الاعتراف بالمؤهلات", "Консультації з визнання кваліфікацій",
     "Consiliere pentru recunoașterea calificărilor"),
    ("offer_type", "qualification_counselling", "Qualifizierungsberatung",
     "Qualification counselling", "Mesleki yeterlilik danışmanlığı", "استشارات التأهيل المهني",
     "Консультації з професійної кваліфікації", "Consiliere pentru calificare"),
    ("offer_type", "bridging_qualification", "Qualifizierung/Brückenmaßnahme",
     "Qualification / bridging course", "Uyum eğitimi / köprü programı",
     "تأهيل / برنامج تكميلي", "Кваліфікація / перехідний курс", "Calificare / curs de tranziție"),
    ("offer_type", "fair_integration", "Faire Integration", "Fair Integration (working rights)",
     "Adil Entegrasyon (çalışma hakları)", "الاندماج العادل (حقوق العمل)",
     "Справедлива інтеграція (трудові права)", "Integrare echitabilă (drepturile la muncă)"),
    ("offer_type", "intercultural_training", "Interkulturelles Training", "Intercultural training",
     "Kültürlerarası eğitim", "تدريب على التواصل بين الثقافات", "Міжкультурний тренінг",
     "Training intercultural"),
    ("offer_type", "process_support", "Prozessbegleitung Organisation",
     "Organisational process support", "Kurumsal süreç desteği", "مرافقة التطوير المؤسسي",
     "Супровід організаційних змін", "Însoțirea proceselor organizaționale"),
    ("offer_type", "employer_advice", "Arbeitgeberberatung", "Advice for employers",
     "İşveren danışmanlığı", "استشارات لأصحاب العمل", "Консультації для роботодавців",
     "Consiliere pentru angajatori"),
    ("offer_type", "networking", "Vernetzung/Fachtagung", "Networking / conference",
     "Ağ oluşturma / konferans", "التشبيك / مؤتمر متخصص", "Мережа / фахова конференція",
     "Rețea / conferință de specialitate"),
    ("offer_type", "material", "Leitfaden/Material", "Guide / material", "Rehber / materyal",
     "دليل / مواد", "Посібник / матеріали", "Ghid / materiale"),
    ("target_kind", "district_office", "Landratsamt", "district office", "ilçe idaresi",
     "مكتب المقاطعة", "районна адміністрація", "administrația districtului"),
    ("target_kind", "municipality", "Kommune", "municipality", "belediye", "البلدية", "громада",
     "municipalitate"),
    ("target_kind", "sme", "KMU", "small or medium-sized business", "KOBİ",
     "الشركات الصغيرة والمتوسطة", "малі та середні підприємства",
     "întreprinderi mici și mijlocii"),
    ("target_kind", "chamber", "Kammer", "chamber of commerce or crafts", "meslek odası",
     "غرفة التجارة أو الحرف", "торгова чи реміснича палата", "cameră de comerț sau de meserii"),
    ("target_kind", "jobcenter", "Jobcenter", "job centre", "Jobcenter (iş merkezi)",
     "مركز التوظيف (Jobcenter)", "Jobcenter (центр зайнятості)", "Jobcenter (centrul de ocupare)"),
    ("target_kind", "employment_agency", "Agentur für Arbeit", "employment agency",
     "İş Ajansı (Agentur für Arbeit)", "وكالة العمل", "Агентство праці",
     "Agenția pentru ocuparea forței de muncă"),
    ("target_kind", "education_provider", "Bildungsträger", "education provider",
     "eğitim kurumu", "جهة تعليمية", "освітня організація", "furnizor de educație"),
    ("target_kind", "economic_development", "Wirtschaftsförderung", "economic development agency",
     "ekonomik kalkınma ofisi", "مكتب التنمية الاقتصادية", "агенція економічного розвитку",
     "agenția de dezvoltare economică"),
    ("target_kind", "network", "Verband/Netzwerk", "association / network", "dernek / ağ",
     "جمعية / شبكة", "асоціація / мережа", "asociație / rețea"),
    ("target_kind", "migrant_organization", "Migrant*innenorganisation", "migrant organisation",
     "göçmen örgütü", "منظمة مهاجرين", "організація мігрантів", "organizație a migranților"),
    ("audience", "management", "Geschäftsführung und Leitung", "management", "yönetim",
     "الإدارة والقيادة", "керівництво", "conducere"),
    ("audience", "hr", "Personalverantwortliche", "HR staff", "insan kaynakları sorumluları",
     "مسؤولو الموارد البشرية", "відповідальні за персонал", "responsabili de resurse umane"),
    ("audience", "staff", "Belegschaft", "all staff", "tüm çalışanlar", "جميع العاملين",
     "колектив", "personalul"),
    ("audience", "newcomers", "Neu zugewanderte Beschäftigte", "newly arrived employees",
     "yeni gelen çalışanlar", "الموظفون القادمون حديثًا", "нещодавно прибулі працівники",
     "angajați nou sosiți"),
    ("level", "organization_development", "Organisationsentwicklung",
     "organisational development", "kurumsal gelişim", "التطوير المؤسسي", "розвиток організації",
     "dezvoltare organizațională"),
    ("level", "personnel_development", "Personalentwicklung", "staff development",
     "personel gelişimi", "تطوير الموظفين", "розвиток персоналу", "dezvoltarea personalului"),
    ("level", "quality_management", "Qualitätsmanagement", "quality management",
     "kalite yönetimi", "إدارة الجودة", "управління якістю", "managementul calității"),
    ("effort", "low", "gering", "low", "düşük", "منخفض", "низький", "redus"),
    ("effort", "medium", "mittel", "medium", "orta", "متوسط", "середній", "mediu"),
    ("effort", "high", "hoch", "high", "yüksek", "مرتفع", "високий", "ridicat"),
]

# slug: {language: (name, description)}
FIELDS = {
    "personalgewinnung": {
        "en": ("Recruitment and training",
               "Reaching, selecting and training skilled workers and apprentices with an "
               "international background: job ads, selection procedures, internships and entry "
               "qualification."),
        "tr": ("Personel kazanımı ve mesleki eğitim",
               "Uluslararası geçmişe sahip nitelikli çalışanlara ve çıraklara ulaşmak, onları "
               "seçmek ve yetiştirmek: iş ilanları, seçme süreçleri, stajlar ve işe giriş eğitimi."),
        "ar": ("استقطاب الموظفين والتدريب المهني",
               "الوصول إلى العمال المهرة والمتدربين من خلفيات دولية واختيارهم وتدريبهم: إعلانات "
               "الوظائف وإجراءات الاختيار والتدريب العملي والتأهيل لدخول سوق العمل."),
        "uk": ("Залучення персоналу та професійне навчання",
               "Залучати, відбирати й навчати фахівців і учнів з міжнародним досвідом: "
               "оголошення про вакансії, процедури відбору, практики та вступна кваліфікація."),
        "ro": ("Recrutare și formare profesională",
               "Atragerea, selectarea și formarea specialiștilor și ucenicilor cu origini "
               "internaționale: anunțuri de angajare, proceduri de selecție, stagii și calificare "
               "de început."),
    },
    "onboarding": {
        "en": ("Onboarding",
               "Helping new staff settle in well: mentoring, onboarding plans, clear contact "
               "persons and support in the first months."),
        "tr": ("İşe alıştırma ve oryantasyon",
               "Yeni çalışanların iyi bir başlangıç yapmasını sağlamak: mentorluk, işe alıştırma "
               "planları, belirli irtibat kişileri ve ilk aylarda destek."),
        "ar": ("التأهيل الوظيفي للموظفين الجدد",
               "مساعدة الموظفين الجدد على الاندماج الجيد: الإرشاد، وخطط التأهيل، وأشخاص اتصال "
               "واضحون، والدعم في الأشهر الأولى."),
        "uk": ("Адаптація нових працівників",
               "Допомогти новим працівникам добре влитися в колектив: наставництво, плани "
               "адаптації, чіткі контактні особи та підтримка в перші місяці."),
        "ro": ("Integrarea noilor angajați",
               "Sprijinirea noilor angajați să se acomodeze bine: mentorat, planuri de integrare, "
               "persoane de contact clare și sprijin în primele luni."),
    },
    "sprache": {
        "en": ("Language and communication",
               "Making sure people understand each other at work: job-related German support, "
               "plain language, multilingual information and communication in the team."),
        "tr": ("Dil ve iletişim",
               "İşyerinde anlaşmayı güvence altına almak: mesleğe yönelik Almanca desteği, sade "
               "dil, çok dilli bilgiler ve ekip içi iletişim."),
        "ar": ("اللغة والتواصل",
               "ضمان التفاهم في مكان العمل: دعم اللغة الألمانية المهنية، واللغة المبسطة، "
               "والمعلومات متعددة اللغات، والتواصل داخل الفريق."),
        "uk": ("Мова та комунікація",
               "Забезпечити порозуміння на роботі: професійно орієнтована підтримка німецької "
               "мови, проста мова, багатомовна інформація та спілкування в команді."),
        "ro": ("Limbă și comunicare",
               "Asigurarea înțelegerii la locul de muncă: sprijin pentru limba germană "
               "profesională, limbaj simplu, informații în mai multe limbi și comunicare în "
               "echipă."),
    },
    "personalentwicklung": {
        "en": ("Staff and leadership development",
               "Strengthening managers and teams for diversity: intercultural training, further "
               "education and career paths for all employees."),
        "tr": ("Personel ve yönetici gelişimi",
               "Yöneticileri ve ekipleri çeşitliliğe hazırlamak: kültürlerarası eğitimler, sürekli "
               "eğitim ve tüm çalışanlar için kariyer yolları."),
        "ar": ("تطوير الموظفين والقيادات",
               "تمكين المديرين والفرق من التعامل مع التنوع: تدريبات بين الثقافات، والتعليم "
               "المستمر، ومسارات الترقي لجميع العاملين."),
        "uk": ("Розвиток персоналу та керівників",
               "Підготувати керівників і команди до різноманіття: міжкультурні тренінги, "
               "підвищення кваліфікації та кар'єрні шляхи для всіх працівників."),
        "ro": ("Dezvoltarea personalului și a managerilor",
               "Pregătirea managerilor și a echipelor pentru diversitate: training intercultural, "
               "formare continuă și parcursuri de carieră pentru toți angajații."),
    },
    "organisationskultur": {
        "en": ("Organisational culture and mission statement",
               "Anchoring openness in the company: mission statement, dealing with "
               "discrimination, holidays and rituals, staff participation."),
        "tr": ("Kurum kültürü ve misyon",
               "Açıklığı şirkette kalıcı kılmak: misyon bildirgesi, ayrımcılıkla mücadele, "
               "bayramlar ve gelenekler, çalışanların katılımı."),
        "ar": ("الثقافة المؤسسية والرؤية",
               "ترسيخ الانفتاح في الشركة: بيان الرؤية، والتعامل مع التمييز، والأعياد والتقاليد، "
               "ومشاركة العاملين."),
        "uk": ("Організаційна культура та місія",
               "Закріпити відкритість у компанії: місія, протидія дискримінації, свята й "
               "традиції, участь працівників."),
        "ro": ("Cultura organizațională și misiunea",
               "Ancorarea deschiderii în companie: declarația de misiune, abordarea "
               "discriminării, sărbători și ritualuri, implicarea angajaților."),
    },
    "anerkennung": {
        "en": ("Recognition of foreign qualifications",
               "Getting qualifications from abroad recognised and closing gaps: counselling, "
               "adaptation training and support through the procedure."),
        "tr": ("Yurt dışı diplomaların denkliği",
               "Yurt dışında alınan diplomaları tanıtmak ve eksikleri gidermek: danışmanlık, uyum "
               "eğitimi ve süreç boyunca destek."),
        "ar": ("الاعتراف بالمؤهلات المهنية الأجنبية",
               "الاعتراف بالشهادات المكتسبة في الخارج وسد الفجوات: الاستشارة، والتأهيل "
               "التكميلي، والمرافقة خلال الإجراءات."),
        "uk": ("Визнання іноземних професійних кваліфікацій",
               "Домогтися визнання здобутих за кордоном кваліфікацій і заповнити прогалини: "
               "консультації, адаптаційне навчання та супровід процедури."),
        "ro": ("Recunoașterea calificărilor profesionale străine",
               "Recunoașterea diplomelor obținute în străinătate și completarea lipsurilor: "
               "consiliere, cursuri de adaptare și însoțire pe parcursul procedurii."),
    },
    "willkommenskultur": {
        "en": ("Welcome culture and local life",
               "Arriving beyond the workplace: housing, family, childcare, leisure, clubs and "
               "dealing with authorities."),
        "tr": ("Hoş geldin kültürü ve yerel yaşam",
               "İşyeri dışında da alışmak: konut, aile, çocuk bakımı, boş zaman, dernekler ve "
               "resmi işlemler."),
        "ar": ("ثقافة الترحيب والحياة المحلية",
               "الاستقرار خارج مكان العمل: السكن، والأسرة، ورعاية الأطفال، وأوقات الفراغ، "
               "والأندية، والمعاملات الرسمية."),
        "uk": ("Культура гостинності та життя на місці",
               "Облаштування поза роботою: житло, сім'я, догляд за дітьми, дозвілля, клуби та "
               "відвідування установ."),
        "ro": ("Cultura primirii și viața la fața locului",
               "Acomodarea dincolo de locul de muncă: locuință, familie, îngrijirea copiilor, timp "
               "liber, asociații și drumuri la autorități."),
    },
    "netzwerke": {
        "en": ("Networks and cooperation with the municipality",
               "Acting together with the district office, municipality, chambers, employment "
               "agency and job centre: networks, permanent contacts and coordinated services."),
        "tr": ("Ağlar ve belediye ile iş birliği",
               "İlçe idaresi, belediye, meslek odaları, İş Ajansı ve Jobcenter ile birlikte hareket "
               "etmek: ağlar, sabit irtibat kişileri ve uyumlu hizmetler."),
        "ar": ("الشبكات والتعاون مع البلدية",
               "العمل المشترك مع مكتب المقاطعة والبلدية والغرف ووكالة العمل ومركز التوظيف: "
               "شبكات، وأشخاص اتصال ثابتون، وعروض منسقة."),
        "uk": ("Мережі та співпраця з громадою",
               "Діяти спільно з районною адміністрацією, громадою, палатами, агентством праці та "
               "центром зайнятості: мережі, постійні контактні особи та узгоджені послуги."),
        "ro": ("Rețele și cooperare cu municipalitatea",
               "Acțiune comună cu administrația districtului, municipalitatea, camerele, agenția "
               "pentru ocuparea forței de muncă și Jobcenter: rețele, persoane de contact "
               "permanente și oferte coordonate."),
    },
    "standortmarketing": {
        "en": ("Information and regional marketing",
               "Presenting the region and its businesses as an open place to work and live: "
               "information portals, welcome packs and campaigns."),
        "tr": ("Bilgilendirme ve bölge tanıtımı",
               "Bölgeyi ve şirketlerini açık bir çalışma ve yaşam yeri olarak tanıtmak: bilgi "
               "portalları, hoş geldin dosyaları ve kampanyalar."),
        "ar": ("المعلومات والتسويق الإقليمي",
               "إظهار المنطقة وشركاتها كمكان منفتح للعمل والعيش: بوابات معلومات، وحقائب ترحيب، "
               "وحملات."),
        "uk": ("Інформація та маркетинг регіону",
               "Представляти регіон і його підприємства як відкрите місце для роботи й життя: "
               "інформаційні портали, вітальні пакети та кампанії."),
        "ro": ("Informare și marketingul regiunii",
               "Prezentarea regiunii și a firmelor sale ca loc deschis pentru muncă și viață: "
               "portaluri de informare, mape de bun venit și campanii."),
    },
}


def add_texts(apps, schema_editor):
    Label = apps.get_model("catalog", "Label")
    for vocabulary, code, *texts in LABELS:
        label, created = Label.objects.get_or_create(
            vocabulary=vocabulary, code=code, defaults={"texts": dict(zip(LANGS, texts))}
        )
        if not created:  # keep what the team changed, add what is missing
            label.texts = {**dict(zip(LANGS, texts)), **label.texts}
            label.save(update_fields=["texts"])
    FieldOfAction = apps.get_model("catalog", "FieldOfAction")
    for field in FieldOfAction.objects.filter(slug__in=list(FIELDS)):
        for language, (name, description) in FIELDS[field.slug].items():
            current = field.translations.get(language) or {}
            field.translations[language] = {
                "name": current.get("name") or name,
                "description": current.get("description") or description,
            }
        field.save(update_fields=["translations"])


def _translations_object(name):
    return models.CheckConstraint(
        condition=Q(Exact(Func(F("translations"), function="jsonb_typeof"), "object")), name=name
    )


class Migration(migrations.Migration):
    dependencies = [("catalog", "0006_search_related_names")]

    operations = [
        migrations.CreateModel(
            name="Label",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("vocabulary", models.CharField(choices=[("offer_type", "Angebotsart"), ("target_kind", "Organisationsart"), ("audience", "Adressat*innen"), ("level", "Ebene"), ("effort", "Aufwand")], max_length=20, verbose_name="Liste")),
                ("code", models.CharField(max_length=40, verbose_name="Code")),
                ("texts", models.JSONField(default=dict, verbose_name="Beschriftungen")),
            ],
            options={
                "verbose_name": "Beschriftung",
                "verbose_name_plural": "Beschriftungen",
                "ordering": ["vocabulary", "code"],
                "constraints": [
                    models.UniqueConstraint(fields=("vocabulary", "code"), name="label_code_unique"),
                    models.CheckConstraint(condition=Q(texts__has_key="de"), name="label_text_german"),
                    models.CheckConstraint(condition=Q(vocabulary__in=["offer_type", "target_kind", "audience", "level", "effort"]), name="label_vocabulary_known"),
                ],
            },
        ),
        migrations.AddField(
            model_name="fieldofaction",
            name="translations",
            field=models.JSONField(blank=True, default=dict, verbose_name="Übersetzungen"),
        ),
        migrations.AddField(
            model_name="historicalfieldofaction",
            name="translations",
            field=models.JSONField(blank=True, default=dict, verbose_name="Übersetzungen"),
        ),
        migrations.AddField(
            model_name="measure",
            name="translations",
            field=models.JSONField(blank=True, default=dict, verbose_name="Kurzfassungen je Sprache"),
        ),
        migrations.AddField(
            model_name="historicalmeasure",
            name="translations",
            field=models.JSONField(blank=True, default=dict, verbose_name="Kurzfassungen je Sprache"),
        ),
        migrations.AddField(
            model_name="offer",
            name="translations",
            field=models.JSONField(blank=True, default=dict, verbose_name="Kurzfassungen je Sprache"),
        ),
        migrations.AddField(
            model_name="historicaloffer",
            name="translations",
            field=models.JSONField(blank=True, default=dict, verbose_name="Kurzfassungen je Sprache"),
        ),
        migrations.AddConstraint(
            model_name="fieldofaction",
            constraint=_translations_object("fieldofaction_translations_object"),
        ),
        migrations.AddConstraint(
            model_name="measure", constraint=_translations_object("measure_translations_object")
        ),
        migrations.AddConstraint(
            model_name="offer", constraint=_translations_object("offer_translations_object")
        ),
        migrations.RunPython(add_texts, migrations.RunPython.noop),
    ]
