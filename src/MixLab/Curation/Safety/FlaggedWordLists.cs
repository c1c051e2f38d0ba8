namespace MixLab.Curation.Safety;

/// <summary>
/// MixLab's own short English word lists for the keyword safety screen of MixtureVitae (curation spec §1.5). The
/// released MixtureVitae code ships much longer multilingual lists (`flagged_words.py`: 439 English flagged words,
/// 26 English minor words, 223 hate words); those are not reproduced here. These lists cover the same categories:
/// <see cref="Flagged"/> (obscene and sexual words), <see cref="Minor"/> (age/minor terms, the CSAM co-occurrence
/// signal), <see cref="Hate"/> (slurs and hate phrases) and <see cref="Stopwords"/> (English stop words longer than
/// three letters, which do not count in the ratio's denominator). Entries are lower-case; multi-word entries are
/// single-space separated and are matched greedily (longest first). Replace them with
/// <see cref="FlaggedWordsOptions.FlaggedWordsFile"/> and friends for production lists.
/// </summary>
public static class FlaggedWordLists
{
    /// <summary>Obscene and sexual words and phrases (the "flagged_words" category).</summary>
    public static readonly string[] Flagged =
    [
        "anal", "anus", "arse", "arsehole", "asshole", "assholes", "bastard", "bitch", "bitches", "blowjob",
        "blowjobs", "bollocks", "boner", "boobs", "bukkake", "bullshit", "clit", "clitoris", "cock", "cocks",
        "cocksucker", "cum", "cumshot", "cunt", "cunts", "deepthroat", "dick", "dildo", "dildos", "ejaculate",
        "ejaculation", "erotic", "fap", "fellatio", "fetish", "fisting", "fuck", "fucked", "fucker", "fuckers",
        "fucking", "gangbang", "handjob", "hardcore", "hentai", "horny", "incest", "jizz", "masturbate",
        "masturbating", "masturbation", "milf", "motherfucker", "naked", "nipple", "nipples", "nude", "nudes",
        "nudity", "orgasm", "orgasms", "orgy", "penis", "porn", "porno", "pornography", "pussy", "rape", "raped",
        "rapist", "scrotum", "sex", "sexy", "shit", "slut", "sluts", "sodomy", "squirt", "stripper", "threesome",
        "tits", "titties", "topless", "twat", "vagina", "vibrator", "voyeur", "wank", "wanker", "whore", "whores",
        "xxx", "anal sex", "oral sex", "hard core", "sex tape", "sex video", "nude photos", "blow job", "hand job",
    ];

    /// <summary>Age and minor terms (MixtureVitae's "banned_words" category, the CSAM co-occurrence signal).</summary>
    public static readonly string[] Minor =
    [
        "child", "children", "childs", "kid", "kids", "minor", "minors", "underage", "under age", "teen", "teens",
        "teenage", "teenager", "teenagers", "preteen", "preteens", "pre teen", "schoolgirl", "schoolgirls",
        "schoolboy", "schoolboys", "toddler", "toddlers", "infant", "infants", "juvenile", "juveniles", "youngster",
        "youngsters", "little girl", "little girls", "little boy", "little boys", "young girl", "young girls",
        "young boy", "young boys", "year old girl", "year old boy", "loli", "lolita", "jailbait", "pubescent",
        "prepubescent", "middle school", "elementary school",
    ];

    /// <summary>Slurs and hate phrases (the "hatewords" category).</summary>
    public static readonly string[] Hate =
    [
        "nigger", "niggers", "nigga", "niggas", "faggot", "faggots", "fag", "fags", "kike", "kikes", "spic", "spics",
        "chink", "chinks", "gook", "gooks", "wetback", "wetbacks", "raghead", "ragheads", "towelhead", "towelheads",
        "tranny", "trannies", "dyke", "dykes", "coon", "coons", "beaner", "beaners", "sandnigger", "subhuman",
        "subhumans", "untermensch", "mongrels", "white power", "white genocide", "race traitor", "race traitors",
        "gas the jews", "heil hitler", "sieg heil", "inferior race", "master race", "ethnic cleansing now",
        "go back to your country", "kill all", "exterminate them",
    ];

    /// <summary>English stop words longer than three letters; they do not count in the ratio's denominator.</summary>
    public static readonly string[] Stopwords =
    [
        "about", "above", "after", "again", "against", "also", "been", "before", "being", "below", "between", "both",
        "could", "does", "doing", "down", "during", "each", "even", "from", "further", "have", "having", "here",
        "hers", "herself", "himself", "into", "itself", "just", "like", "more", "most", "much", "myself", "once",
        "only", "other", "ought", "ours", "ourselves", "over", "same", "shall", "should", "some", "such", "than",
        "that", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "through",
        "under", "until", "very", "were", "what", "when", "where", "which", "while", "whom", "with", "would", "your",
        "yours", "yourself", "yourselves", "will", "because", "still", "well", "many", "made", "make", "upon",
        "within", "without", "among", "since",
    ];
}
