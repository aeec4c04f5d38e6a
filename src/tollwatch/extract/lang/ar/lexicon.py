"""Arabic words the rules read, written as reporting writes them and folded once at import
(script.fold), so a lookup is a dictionary hit on a folded token."""

from __future__ import annotations

from tollwatch.extract.lang.ar.script import fold


def _words(text: str) -> frozenset[str]:
    return frozenset(fold(w) for w in text.split())


def _table(rows: dict[str, str]) -> dict[str, str]:
    return {fold(w): value for words, value in rows.items() for w in words.split()}


# --- numbers ------------------------------------------------------------------------------------
# units by gender and case; "ثماني/ثمان" and the feminine forms all count the same
UNITS = _table({
    "واحد واحدة واحدا": "1", "اثنان اثنين اثنتان اثنتين اثنا اثني اثنتا اثنتي": "2",
    "ثلاثة ثلاث": "3", "أربعة أربع": "4", "خمسة خمس": "5", "ستة ست": "6", "سبعة سبع": "7",
    "ثمانية ثماني ثمان": "8", "تسعة تسع": "9", "عشرة عشر": "10", "أحد إحدى": "1",
})
TENS = _table({
    "عشرون عشرين": "20", "ثلاثون ثلاثين": "30", "أربعون أربعين": "40", "خمسون خمسين": "50",
    "ستون ستين": "60", "سبعون سبعين": "70", "ثمانون ثمانين": "80", "تسعون تسعين": "90",
})
HUNDREDS = _table({
    "مئة مائة مئه": "100", "مئتان مئتين مئتا مئتي مائتان مائتين مائتا مائتي": "200",
    "ثلاثمئة ثلاثمائة": "300", "أربعمئة أربعمائة": "400", "خمسمئة خمسمائة": "500", "ستمئة ستمائة": "600",
    "سبعمئة سبعمائة": "700", "ثمانمئة ثمانمائة ثمانيمئة": "800", "تسعمئة تسعمائة": "900",
})
# scale words after a number ("12 ألفا", "2,5 مليون"), and their duals standing alone
SCALES = _table({"ألف ألفا آلاف": "1000", "مليون مليونا ملايين": "1000000", "مليار مليارات": "1000000000"})
SCALE_DUALS = _table({"ألفان ألفين ألفي": "2000", "مليونان مليونين مليوني": "2000000"})
# the construct dual is spelled as the accusative after a number: "ألفا شخص" is 2,000, "12 ألفاً" is 12,000
CONSTRUCT_DUALS = _table({"ألفا": "2000", "مليونا": "2000000"})
# vague quantities: CONTRACT's bounds for dozens, hundreds, thousands, a few, several
VAGUE = _table({"عشرات العشرات": "dozens", "مئات المئات": "hundreds", "آلاف الآلاف": "thousands",
                "بضعة بضع": "a few", "عدة": "several"})
VAGUE_THOUSANDS = _words("الآلاف آلاف")  # "عشرات الآلاف", "مئات الآلاف"

# qualifier phrases before a number, longest first when matched
QUALIFIERS: list[tuple[tuple[str, ...], str]] = sorted((
    (tuple(fold(phrase).split()), q) for phrase, q in (
        ("ما لا يقل عن", "at_least"), ("لا يقل عن", "at_least"), ("على الأقل", "at_least"),
        ("أكثر من", "more_than"), ("ما يزيد على", "more_than"), ("ما يزيد عن", "more_than"),
        ("يزيد على", "more_than"), ("يزيد عن", "more_than"), ("ما يربو على", "more_than"),
        ("يربو على", "more_than"), ("أزيد من", "more_than"), ("ما يفوق", "more_than"), ("يفوق", "more_than"),
        ("نحو", "about"), ("حوالي", "about"), ("حوالى", "about"), ("قرابة", "about"), ("زهاء", "about"),
        ("ما يقارب", "about"), ("يقارب", "about"), ("ما يناهز", "about"), ("يناهز", "about"),
        ("ما يقرب من", "about"), ("تقريبا", "about"),
        ("ما يصل إلى", "up_to"), ("ما يصل الى", "up_to"), ("أقل من", "at_most"),
    )), key=lambda row: -len(row[0]))
POST_QUALIFIERS: list[tuple[tuple[str, ...], str]] = [
    (tuple(fold("على الأقل").split()), "at_least"), ((fold("تقريبا"),), "about"), ((fold("ونيف"),), "more_than"),
]

# --- people -------------------------------------------------------------------------------------
# person nouns: folded form -> (category, attribute or "", number: s(ingular) d(ual) p(lural)).
# Duals are listed only where the plural is spelled differently (قتيلين, جنديين): a sound plural
# in -ين (مدنيين, مسلحين) is also the dual's spelling, and reporting means the plural.
PEOPLE: dict[str, tuple[str, str, str]] = {}


def _people(category: str, attribute: str, singular: str, dual: str, plural: str) -> None:
    for number, words in (("s", singular), ("d", dual), ("p", plural)):
        for w in words.split():
            PEOPLE[fold(w)] = (category, attribute, number)
            if number == "s" and w[-1] not in "اةىي":
                PEOPLE.setdefault(fold(w) + "ا", (category, attribute, number))  # "17 شخصا": the accusative


_people("unknown", "", "شخص شخصا فرد فردا إنسان", "شخصين شخصان", "أشخاص أفراد أناس")
_people("civilian", "", "مدني مدنيا مواطن مواطنا ساكن", "مدنيان مواطنان", "مدنيين مدنيون مواطنين مواطنون سكان أهالي")
_people("civilian", "children", "طفل طفلا طفلة رضيع قاصر تلميذ فتى", "طفلين طفلان طفلتين طفلتان",
        "أطفال رضع قاصرين قصر تلاميذ فتيان فتية")
_people("civilian", "women", "امرأة سيدة فتاة", "امرأتين امرأتان سيدتين سيدتان فتاتين فتاتان", "نساء سيدات فتيات")
_people("unknown", "men", "رجل رجلا", "رجلين رجلان", "رجال")
_people("civilian", "", "شاب شابا عامل مزارع صياد راع موظف معلم مدرس راكب راكبا حاج مصل", "شابين شابان",
        "شبان شباب عمال عاملين مزارعين صيادين رعاة موظفين معلمين مدرسين ركاب حجاج مصلين")
_people("civilian", "elderly", "مسن مسنة", "", "مسنين مسنات")
_people("civilian", "students", "طالب طالبة", "طالبين طالبان", "طلاب طالبات طلبة")
_people("civilian", "journalists", "صحفي صحافي مراسل مصور", "صحفيان صحافيان", "صحفيين صحفيون صحافيين مراسلين")
_people("civilian", "medics", "مسعف طبيب ممرض ممرضة", "مسعفان", "مسعفين أطباء ممرضين")
_people("civilian", "refugees", "لاجئ", "", "لاجئين لاجئون")
_people("civilian", "migrants", "مهاجر مهاجرا", "مهاجران", "مهاجرين مهاجرون")
_people("civilian", "protesters", "متظاهر محتج", "متظاهران", "متظاهرين متظاهرون محتجين")
_people("civilian", "prisoners", "سجين", "سجينين", "سجناء")
_people("state_forces", "", "جندي جنديا عسكري عسكريا ضابط ضابطا", "جنديين جنديان ضابطين ضابطان",
        "جنود عسكريين عسكريون ضباط")
_people("state_forces", "police", "شرطي شرطيا", "شرطيان", "شرطيين شرطيون")
_people("combatant", "", "مقاتل مقاتلا", "مقاتلان", "مقاتلين مقاتلون")
_people("non_state_armed", "", "مسلح مسلحا إرهابي متمرد", "مسلحان", "مسلحين مسلحون إرهابيين متمردين")
_people("unknown", "", "عنصر عنصرا", "عنصرين عنصران", "عناصر")  # members: of which force, the words after say
_people("unknown", "", "آخر", "آخرين", "آخرين آخرون")
_people("unknown", "", "زميل زميلا قريب", "زميلان زميلين", "زملاء أقارب")
_people("unknown", "", "فلسطيني فلسطينيا سوري سوريا لبناني يمني سوداني عراقي إسرائيلي", "",
        "فلسطينيين فلسطينيون سوريين لبنانيين يمنيين سودانيين عراقيين إسرائيليين")
PEOPLE[fold("آخرين")] = ("unknown", "", "p")

# groups, named as English reporting names them so that tallies of both languages meet
# ("37 فلسطينياً" and "37 Palestinians"; "مدنياً علوياً" and "Alawite civilians")
GROUP_NOUNS: dict[str, str] = {}
GROUP_ADJECTIVES: dict[str, str] = {}
for _words_ar, _plural, _adjective in (
        ("فلسطيني فلسطينيا فلسطينيين فلسطينيون", "Palestinians", "Palestinian"),
        ("سوري سوريا سوريين سوريون", "Syrians", "Syrian"), ("لبناني لبنانيا لبنانيين لبنانيون", "Lebanese", "Lebanese"),
        ("يمني يمنيا يمنيين يمنيون", "Yemenis", "Yemeni"), ("سوداني سودانيا سودانيين سودانيون", "Sudanese", "Sudanese"),
        ("عراقي عراقيا عراقيين عراقيون", "Iraqis", "Iraqi"),
        ("إسرائيلي إسرائيليا إسرائيليين إسرائيليون", "Israelis", "Israeli"),
        ("علوي علويا علويين علويون العلوية العلويين", "Alawites", "Alawite"),
        ("درزي درزيا دروز الدرزية الدروز", "Druze", "Druze"), ("مسيحي مسيحيا مسيحيين المسيحية", "Christians", "Christian"),
        ("كردي كرديا أكراد الكردية الكرد", "Kurds", "Kurdish"), ("إيزيدي إيزيديين الإيزيدية", "Yazidis", "Yazidi")):
    for _w in _words_ar.split():
        GROUP_NOUNS[fold(_w)] = _plural
        GROUP_ADJECTIVES[fold(_w)] = _adjective

# victims named by their outcome: folded form -> (outcome, number)
OUTCOME_PEOPLE: dict[str, tuple[str, str]] = {}


def _victims(outcome: str, singular: str, dual: str, plural: str) -> None:
    for number, words in (("s", singular), ("d", dual), ("p", plural)):
        for w in words.split():
            OUTCOME_PEOPLE[fold(w)] = (outcome, number)
            if number == "s" and w[-1] not in "اةىي":
                OUTCOME_PEOPLE.setdefault(fold(w) + "ا", (outcome, number))


_victims("killed", "قتيل قتيلا شهيد شهيدا ضحية جثة جثمان وفاة متوفى", "قتيلين قتيلان شهيدين شهيدان ضحيتين ضحيتان جثتين جثتان",
         "قتلى شهداء ضحايا جثث جثامين وفيات")
_victims("injured", "جريح جريحا مصاب مصابا إصابة", "جريحين جريحان مصابين مصابان", "جرحى مصابين مصابون إصابات")
_victims("missing", "مفقود مفقودا", "مفقودين مفقودان", "مفقودين مفقودون")
_victims("kidnapped", "مختطف مختطفا مخطوف رهينة", "رهينتين", "مختطفين مخطوفين رهائن")
_victims("detained", "معتقل معتقلا محتجز محتجزا موقوف أسير أسيرا", "أسيرين", "معتقلين معتقلون محتجزين موقوفين أسرى")
_victims("displaced", "نازح نازحا مهجر مشرد", "", "نازحين نازحون مهجرين مشردين")

# never people: a figure whose head is one of these is no casualty count ("300 أسرة", "غارتين",
# "12 عاما", "5 ملايين دولار")
THINGS = _words(
    "أسرة أسر عائلة عائلات عوائل ناج ناجيا ناجين ناجون غارة غارات غارتين غارتان صاروخ صواريخ صاروخين صاروخا "
    "قذيفة قذائف قذيفتين منزل منازل منزلا منزلين مبنى مباني بيت بيوت دولار دولارا دولارات ليرة جنيه ريال دينار "
    "يورو عام عاما أعوام سنة سنوات عامين شهر أشهر شهرا شهرين يوم أيام يوما يومين ساعة ساعات ساعتين دقيقة دقائق "
    "أسبوع أسابيع كم كيلومتر كيلومترا كيلومترات متر مترا أمتار طن أطنان هكتار قرية قرى بلدة مدينة مدن مستشفى "
    "مستشفيات مدرسة مدارس سيارة سيارات شاحنة شاحنات طائرة طائرات مسيرة مسيرات هجوم هجمات انفجار مجزرة مجازر حادثة "
    "حوادث مرة مرات بالمئة بالمائة المئة المائة نقطة موقع مواقع مركز خيمة خيام برميل براميل لغم ألغام دبابة "
    "مخيم حي أحياء منطقة محافظة ولاية دولة لواء فرقة كتيبة رحلة حافلة حافلات قارب قوارب سفينة مركب غرفة طابق شقة "
    "محل محال مادة بند قرار سلة طرد عملية عمليات هدف أهداف درجة ميغاواط رصاصة طلقة مبان سفن سفينتين آليات آلية "
    "مدرعة مدرعات عربات دبابات مقار مقر منشآت منشأة محطة محطات جسر جسور رأس رؤوس الماشية مواش أبقار أغنام "
    "ساعتين دونم دونما"
)
NOT_BEFORE_COUNT = _words("عام سنة العام السنة الساعة رقم المادة القرار الفرقة اللواء الكتيبة الطريق الطريق "
                          "الدورة الفقرة البند العدد الصفحة يبلغ البالغ تبلغ البالغة عمره عمرها بعمر العمر")

# --- outcomes -----------------------------------------------------------------------------------
# cues before a figure: verbs (active and passive share a spelling unvocalised) and verbal nouns.
# "weak" cues (سقوط، أسر، فقد...) decide an outcome only with a person noun after the figure.
LEFT_CUES = _table({
    "مقتل قتل قتلت يقتل تقتل اغتيال اغتيل استشهاد استشهد استشهدت ارتقاء ارتقى مصرع وفاة توفي توفيت موت مات "
    "جثث جثامين رفات ضحيته ضحيتها ضحيتهم حياة إعدام أعدم أعدمت ذبح تصفية قضى قضت هلاك غرق قنص": "killed",
    "إصابة أصيب أصيبت أصابت أصابة جرح جرحت يصاب إصابات": "injured",
    "فقدان": "missing",
    "اختطاف اختطف اختطفت خطف خطفت": "kidnapped",
    "اعتقال اعتقل اعتقلت احتجاز احتجز احتجزت توقيف أوقف أوقفت": "detained",
    "نزوح نزح نزحت تهجير تشريد": "displaced",
    # plural verbs with their subject before the figure ("أعدموا 12 مدنياً")
    "قتلوا أعدموا اغتالوا ذبحوا": "killed", "أصابوا جرحوا": "injured", "اختطفوا خطفوا": "kidnapped",
    "اعتقلوا احتجزوا": "detained",
})
WEAK_CUES = _table({"سقوط سقط ارتقاء": "", "فقد فقدت": "missing", "أسر": "kidnapped", "هجر شرد": "displaced"})
# cues after the victims ("12 شخصا قتلوا"، "لقي 12 شخصا حتفهم")
RIGHT_CUES = _table({
    "قتلوا قتل قتلت استشهدوا استشهد حتفهم حتفه حتفها مصرعهم مصرعه مصرعها قضوا ماتوا توفوا لقوا": "killed",
    "أصيبوا أصيب أصيبت جرحوا بجروح بجراح": "injured",
    "فقدوا": "missing", "اختطفوا خطفوا": "kidnapped", "اعتقلوا": "detained", "نزحوا للنزوح": "displaced",
})
# running tolls and their outcome: "ارتفعت حصيلة القتلى إلى 64"، "والجرحى إلى 950"
TOLL_NOUNS = _table({
    "القتلى الشهداء الضحايا الوفيات قتلى شهداء ضحايا وفيات الموتى": "killed",
    "الجرحى المصابين المصابون الإصابات جرحى مصابين إصابات": "injured",
    "المفقودين المفقودون مفقودين": "missing", "النازحين النازحون نازحين": "displaced",
    "المعتقلين المعتقلون معتقلين": "detained", "المختطفين مختطفين": "kidnapped",
})
TOLL_WORDS = _words("تجاوز تجاوزت تخطى تخطت فاق فاقت حصيلة عدد ارتفع ارتفعت ليرتفع لترتفع يرتفع ترتفع بلغ بلغت ليبلغ لتبلغ وصل وصلت ليصل لتصل "
                    "إجمالي مجموع")
EXCEEDED = _words("تجاوز تجاوزت يتجاوز تتجاوز ليتجاوز لتتجاوز تخطى تخطت فاق فاقت يفوق تفوق")  # a toll above N
TO_WORDS = _words("إلى الى بلغ بلغت ليبلغ لتبلغ حوالي نحو هم هن")  # "الضحايا هم 3 أطفال"
CASUALTIES_AFTER = [tuple(fold(p).split()) for p in ("بين قتيل وجريح", "ما بين قتيل وجريح", "بين قتيل ومصاب",
                                                     "بين شهيد وجريح", "قتيلا وجريحا", "بين قتلى وجرحى")]
PARTS_INTRO = _words("بينهم منهم بينهن منهن بينها")  # "بينهم 7 أطفال"، "من بينهم"
NOT_OUTCOME = _words("إنقاذ أنقذ انقذت نجاة نجا نجت إجلاء أجلي إسعاف علاج")  # rescued, saved, evacuated, treated
# before a cue, words that make it no death or injury: a sentence, a threat, an attempt
# ("الحكم بإعدام 5"، "محاولة اغتيال"، "التهديد بقتل")
UNREALISED = _words("حكم الحكم أحكام بأحكام حكما قضت يواجه تواجه يواجهون تهديد التهديد هدد يهدد تهدد محاولة "
                    "محاولات خطة مخطط")

# --- the rest of a claim ------------------------------------------------------------------------
SAY = _words("وفق وفقا بحسب حسب قال قالت قالوا أفاد أفادت أعلن أعلنت ذكر ذكرت أكد أكدت نقلا أشار أشارت "
             "أوضح أوضحت وثق وثقت أحصى أحصت رصد رصدت صرح صرحت قدر قدرت أضاف أضافت بيان أورد أوردت")
SOURCE_STOP = _words("في أن إن بأن ان إنه أنه إنها أنها إنهم أنهم بأنه بأنها يوم اليوم أمس مساء صباح فجر ليلة الذي التي الذين عبر خلال على إلى الى منذ "
                     "قد ما بعد قبل حيث كما مع عن لـ ل لدى وقال وقالت وأضاف وأضافت مشيرا مشيرة موضحا موضحة مؤكدا "
                     "مؤكدة الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة السبت "
                     # the object's first word after a verb of saying ("أعلنت السلطات انتشال ...")
                     "مسؤولية مسؤوليته مسؤوليتها مسؤوليتهم انتشال استقبال ارتفاع وصول وقوع تسجيل العثور تعرض استهداف تدمير اندلاع شن سقوط بمقتل بإصابة")
SOURCE_KINDS: list[tuple[str, frozenset[str]]] = [
    ("un", _words("الأمم المتحدة الأونروا اليونيسف أوتشا يونيسف الأممية")),
    ("monitor", _words("المرصد مرصد الشبكة شبكة العفو هيومن رايتس ووتش لحقوق حقوق الحقوقية")),
    ("medical", _words("الدفاع المدني الهلال الأحمر مسعفون مسعفين أطباء طبية طبي مستشفى المستشفى الإسعاف "
                       "أطباء مجمع")),
    ("armed_group", _words("حماس القسام حزب الله الحوثي الحوثيين الحوثيون الدعم السريع داعش تنظيم الفصائل فصائل "
                           "الجهاد")),
    ("government", _words("وزارة الوزارة الحكومة الجيش الشرطة محافظ السلطات مسؤول مسؤولون المسؤول المتحدث "
                          "الناطق الداخلية الدفاع الصحة")),
    ("witness", _words("شهود شاهد سكان السكان الأهالي ناشطون ناشطين أقارب")),
    ("media", _words("وكالة قناة صحيفة تلفزيون التلفزيون إعلام الإعلام")),
]
# what a figure's clause says of its standing (CONTRACT's modality and scope)
NEGATION = [tuple(fold(p).split()) for p in (
    "لم يسفر", "لم تسفر", "دون وقوع", "دون أن", "دون تسجيل", "دون أن يسفر", "دون أن تسفر", "عدم وقوع", "لا إصابات",
    "لم تقع", "لم يقع", "لم تسجل", "لم يسجل", "لا توجد", "لم ترد أنباء عن", "لم ترد")]
# "no one was hurt": a figure of 0 in so many words
NO_ONE = {tuple(fold(p).split()): o for p, o in (
    ("لم يصب أحد", "injured"), ("لم يصب أي شخص", "injured"), ("لم يقتل أحد", "killed"),
    ("لم يسقط قتلى", "killed"), ("لا قتلى", "killed"), ("لم يسقط ضحايا", "casualties"))}
DENIAL = _words("نفى نفت ينفي تنفي")
# words that wrap a source ("بحسب بيانات وزارة الصحة"، "المتحدث باسم الدفاع المدني"): the source is after them
SOURCE_WRAPPERS = _words("بيانات بيان إحصائية إحصاءات تقرير تقارير أرقام معطيات حصيلة تقديرات معلومات "
                         "المتحدث الناطق متحدث ناطق باسم مدير رئيس")
NOT_SOURCE = _words("أولية رسمية جديدة أخيرة سابقة نهائية غير")
UNVERIFIED = _words("يتسن يتسنى التحقق التأكد")
SPECULATIVE = _words("قد يرجح يخشى مرشحة مرشح ربما يحتمل المتوقع متوقع")
ESTIMATED = _words("تقدير تقديرات يقدر تقدر قدر قدرت تقديري")
SUPERSEDED = _words("سابقة سابقا السابقة سابق")
CUMULATIVE = EXCEEDED | _words("ارتفع ارتفعت ليرتفع لترتفع يرتفع ترتفع ارتفاع حصيلة منذ الآن اللحظة وصل وصلت يصل تصل ليصل "
                    "لتصل")
TOTAL = _words("إجمالي الإجمالية المجمل مجموع المجموع إجمالا")
MANNERS = _table({
    "غارة غارات جوية جوي الطيران الطائرات الحربية": "airstrike", "قصف قصفا مدفعي المدفعية قذائف قذيفة": "shelling",
    "مسيرة مسيرات المسيرة": "drone_strike", "رصاص برصاص النار نار نيران قنص قناص": "shooting",
    "إعدام أعدم أعدمت إعدامات ذبح": "executed", "مجزرة مجازر": "massacre",
    "تفجير انفجار مفخخة ناسفة انتحاري": "bombing", "لغم ألغام": "landmine",
})
PERPETRATOR_INTRO = [tuple(fold(p).split()) for p in ("على يد", "على أيدي", "برصاص", "بنيران", "بقصف", "شنها",
                                                      "شنتها", "نفذها", "نفذتها")]
# places: words that introduce a place's name, and words that end one
PLACE_TRIGGERS = _words("مدينة بلدة قرية محافظة ولاية ريف مخيم حي منطقة قضاء ناحية مديرية إقليم قطاع مدينتي")
PLACE_STOP = SOURCE_STOP | _words("و من جراء إثر بسبب نتيجة جراء بينهم منهم شمال جنوب شرق غرب شمالي جنوبي "
                                  "شرقي غربي وسط")
WEEKDAYS = _table({"الاثنين الإثنين": "0", "الثلاثاء": "1", "الأربعاء": "2", "الخميس": "3", "الجمعة": "4",
                   "السبت": "5", "الأحد": "6"})
RELATIVE_DAYS = _table({"أمس البارحة": "-1", "اليوم": "0"})
