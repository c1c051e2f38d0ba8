namespace MixLab.RunLogs;

/// <summary>
/// A user mistake in a run-log table: names the file, the line (1-based, counting the header) and the column,
/// so the CLI can print one line and exit with code 2.
/// </summary>
public sealed class RunLogException(string file, int? line, string? column, string problem)
    : Exception(Format(file, line, column, problem))
{
    /// <summary>The file the table came from.</summary>
    public string File { get; } = file;
    /// <summary>The 1-based line number, if the problem is in one row.</summary>
    public int? Line { get; } = line;
    /// <summary>The column, if the problem is in one column.</summary>
    public string? Column { get; } = column;

    private static string Format(string file, int? line, string? column, string problem)
    {
        var where = file;
        if (line is not null) where += $":{line}";
        if (column is not null) where += $" column '{column}'";
        return $"{where}: {problem}";
    }
}
