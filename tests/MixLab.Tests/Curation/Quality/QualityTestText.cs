namespace MixLab.Tests.Curation.Quality;

/// <summary>Builds boundary documents: distinct lower-case words that are no tokenizer special case and no stop word.</summary>
internal static class QualityTestText
{
    /// <summary>The <paramref name="index"/>-th word of <paramref name="length"/> letters: "z" then base-26 digits.</summary>
    public static string Word(int index, int length = 5)
    {
        var chars = new char[length];
        chars[0] = 'z';
        for (int i = length - 1; i >= 1; i--)
        {
            chars[i] = (char)('a' + index % 26);
            index /= 26;
        }
        return new string(chars);
    }

    public static List<string> Words(int count, int length = 5, int offset = 0) =>
        Enumerable.Range(offset, count).Select(i => Word(i, length)).ToList();

    public static string Join(IEnumerable<string> words) => string.Join(' ', words);
}
