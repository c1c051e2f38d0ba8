namespace MixLab.Curation.Quality;

/// <summary>
/// The special cases of spaCy's blank English tokenizer that <see cref="WordTokenizer"/> reproduces: an exact
/// (case-sensitive) whole-string match is split into the listed pieces instead of going through the affix rules.
/// Built from the same rules as spaCy's English exceptions, in lower and title case, with ' and ’:
/// pronoun contractions (I'm, you're, he's, we'll, they'd, I've, ...; also without apostrophe: im, youre, hes, ...,
/// except ill, hell, shell, shed, its, were, well, whore), verb negations (do/does/did/ca/wo/sha/could/would/should/
/// might/must/need/ought/may/had + n't / nt / n't've; ai/are/is/was/were/have/has/dare + n't / nt), modal + 've,
/// wh-word + 's/'ll/'re/'ve/'d (apostrophe forms), gonna, gotta, cannot, let's, y'all, and abbreviations that keep
/// their period (Mr. Mrs. Dr. e.g. i.e. a.m. Inc. Jan. Calif. ... and single lowercase letters "a." to "z.").
/// </summary>
internal static class EnglishTokenizerExceptions
{
    // Declared before Table: static initialisers run in textual order.
    private static readonly string[] Excluded =
        ["Ill", "ill", "Its", "its", "Hell", "hell", "Shell", "shell", "Shed", "shed", "were", "Were", "Well", "well", "Whore", "whore"];

    private static readonly Dictionary<string, int[]> Table = Build();

    private static readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Table.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Longest special-case key (UTF-16 units); longer strings are never looked up.</summary>
    public static readonly int MaxLength = Table.Keys.Max(k => k.Length);

    // A 65,536-bit pre-filter over (length, first char, last char) of every key: almost every word of running
    // text is rejected by one bit test instead of a string hash and dictionary probe.
    private static readonly ulong[] Filter = BuildFilter();

    /// <summary>Piece lengths of the special case equal to <paramref name="s"/>, or null.</summary>
    public static int[]? Find(ReadOnlySpan<char> s)
    {
        if (s.Length > MaxLength || s.Length == 0) return null;
        int slot = FilterSlot(s.Length, s[0], s[^1]);
        if ((Filter[slot >> 6] & (1UL << slot)) == 0) return null;
        return Lookup.TryGetValue(s, out var pieces) ? pieces : null;
    }

    private static int FilterSlot(int length, char first, char last) =>
        (int)((((uint)length * 0x9E3779B1u) ^ (first * 0x85EBCA77u) ^ (last * 0xC2B2AE3Du)) * 0x27D4EB2Fu >> 16);

    private static ulong[] BuildFilter()
    {
        var bits = new ulong[1024];
        foreach (var key in Table.Keys)
        {
            int slot = FilterSlot(key.Length, key[0], key[^1]);
            bits[slot >> 6] |= 1UL << slot;
        }
        return bits;
    }

    private static Dictionary<string, int[]> Build()
    {
        var t = new Dictionary<string, int[]>(StringComparer.Ordinal);

        void Add(params string[] pieces)
        {
            string key = string.Concat(pieces);
            if (Array.IndexOf(Excluded, key) >= 0) return;
            t[key] = pieces.Select(p => p.Length).ToArray();
            if (key.Contains('\''))
            {
                string curly = key.Replace('\'', '’');
                t.TryAdd(curly, t[key]);
            }
        }

        static string Title(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

        void AddBoth(string head, params string[] tail)
        {
            Add([head, .. tail]);
            Add([Title(head), .. tail]);
        }

        AddBoth("i", "'m");
        AddBoth("i", "m");
        foreach (var p in new[] { "i", "you", "he", "she", "it", "we", "they" })
        {
            AddBoth(p, "'ll"); AddBoth(p, "ll"); AddBoth(p, "'ll", "'ve"); AddBoth(p, "ll", "ve");
            AddBoth(p, "'d"); AddBoth(p, "d"); AddBoth(p, "'d", "'ve"); AddBoth(p, "d", "ve");
        }
        foreach (var p in new[] { "i", "you", "we", "they" }) { AddBoth(p, "'ve"); AddBoth(p, "ve"); }
        foreach (var p in new[] { "you", "we", "they" }) { AddBoth(p, "'re"); AddBoth(p, "re"); }
        foreach (var p in new[] { "he", "she", "it" }) { AddBoth(p, "'s"); AddBoth(p, "s"); }
        foreach (var w in new[] { "who", "what", "when", "where", "why", "how", "there", "that", "this", "these", "those" })
        {
            AddBoth(w, "'s"); AddBoth(w, "'ll"); AddBoth(w, "'re"); AddBoth(w, "'ve"); AddBoth(w, "'d");
        }
        foreach (var v in new[] { "ca", "could", "do", "does", "did", "had", "may", "might", "must", "need", "ought", "sha", "should", "wo", "would" })
        {
            AddBoth(v, "n't"); AddBoth(v, "nt"); AddBoth(v, "n't", "'ve"); AddBoth(v, "nt", "ve");
        }
        foreach (var v in new[] { "ai", "are", "is", "was", "were", "have", "has", "dare" })
        {
            AddBoth(v, "n't"); AddBoth(v, "nt");
        }
        foreach (var v in new[] { "could", "might", "must", "should", "would" }) { AddBoth(v, "'ve"); AddBoth(v, "ve"); }
        AddBoth("gon", "na"); AddBoth("got", "ta"); AddBoth("can", "not"); AddBoth("let", "'s"); AddBoth("y'", "all");
        Add("'s"); Add("'S");

        foreach (var abbr in new[]
        {
            "Mr.", "Mrs.", "Ms.", "Mx.", "Dr.", "Prof.", "Jr.", "Sr.", "St.", "Mt.", "Inc.", "Ltd.", "Co.", "co.", "Corp.",
            "Bros.", "Messrs.", "Gen.", "Gov.", "Sen.", "Rep.", "Rev.", "Adm.", "Ph.D.", "vs.", "v.s.", "e.g.", "E.g.",
            "E.G.", "i.e.", "I.e.", "I.E.", "a.m.", "p.m.", "D.C.", "Jan.", "Feb.", "Mar.", "Apr.", "Jun.", "Jul.",
            "Aug.", "Sep.", "Sept.", "Oct.", "Nov.", "Dec.", "Ala.", "Ariz.", "Ark.", "Calif.", "Colo.", "Conn.",
            "Del.", "Fla.", "Ga.", "Ind.", "Kan.", "Kans.", "Ky.", "La.", "Md.", "Mass.", "Mich.", "Minn.", "Miss.",
            "Mo.", "Mont.", "Neb.", "Nebr.", "Nev.", "N.C.", "N.D.", "N.H.", "N.J.", "N.M.", "N.Y.", "Okla.", "Ore.",
            "Pa.", "Tenn.", "Va.", "Vt.", "Wash.", "Wis.", "Wyo.",
        })
            t[abbr] = [abbr.Length];
        for (char c = 'a'; c <= 'z'; c++) t[c + "."] = [2];
        return t;
    }
}
