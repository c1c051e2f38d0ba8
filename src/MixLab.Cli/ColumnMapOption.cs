namespace MixLab.Cli;

/// <summary>Parses the repeatable <c>--map CANONICAL=COLUMN</c> option shared by the verbs that read run logs.</summary>
internal static class ColumnMapOption
{
    /// <summary>The map; throws <see cref="UserInputException"/> for a malformed item or a canonical name given twice.</summary>
    public static Dictionary<string, string> Parse(string[] items)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var parts = item.Split('=', 2);
            if (parts.Length != 2 || parts[0].Trim().Length == 0 || parts[1].Trim().Length == 0)
                throw new UserInputException($"--map '{item}': write CANONICAL=COLUMN, e.g. --map \"params=Model Size\"");
            if (!map.TryAdd(parts[0].Trim(), parts[1].Trim()))
                throw new UserInputException($"--map gives '{parts[0].Trim()}' more than once");
        }
        return map;
    }
}
