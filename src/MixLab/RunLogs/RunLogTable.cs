namespace MixLab.RunLogs;

/// <summary>
/// A run-log table held as text cells with the source line of each row, so that every typed read can name the
/// file, line and column of a bad cell. Columns are addressed by their canonical name (after <c>--map</c>).
/// </summary>
public sealed class RunLogTable
{
    private readonly Dictionary<string, string?[]> _columns;
    private readonly Dictionary<string, double[]> _derived = new(StringComparer.Ordinal);

    /// <summary>Creates a table; every column must have one cell per row.</summary>
    public RunLogTable(string file, IReadOnlyList<string> columnOrder, Dictionary<string, string?[]> columns, int[] lines)
    {
        File = file;
        ColumnOrder = columnOrder;
        _columns = columns;
        Lines = lines;
        foreach (var (name, cells) in columns)
            if (cells.Length != lines.Length) throw new ArgumentException($"column {name} has {cells.Length} cells for {lines.Length} rows");
    }

    /// <summary>The file the table was read from (for error messages).</summary>
    public string File { get; }

    /// <summary>Column names in file order (canonical names after mapping).</summary>
    public IReadOnlyList<string> ColumnOrder { get; }

    /// <summary>The 1-based source line of each row.</summary>
    public int[] Lines { get; }

    /// <summary>Number of rows.</summary>
    public int RowCount => Lines.Length;

    /// <summary>True when the table has the column (read or derived).</summary>
    public bool Has(string column) => _columns.ContainsKey(column) || _derived.ContainsKey(column);

    /// <summary>The training-domain names of the <c>mix.&lt;domain&gt;</c> columns, in file order.</summary>
    public IReadOnlyList<string> MixtureDomains =>
        ColumnOrder.Where(c => c.StartsWith(RunLogColumns.MixPrefix, StringComparison.Ordinal))
                   .Select(c => c[RunLogColumns.MixPrefix.Length..]).ToList();

    /// <summary>Text cells of a column (null for an empty cell).</summary>
    public string?[] Text(string column)
    {
        if (_columns.TryGetValue(column, out var cells)) return cells;
        if (_derived.TryGetValue(column, out var values)) return values.Select(v => (string?)v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        throw Missing(column);
    }

    /// <summary>Text cells of a column, or a constant when the column is absent.</summary>
    public string[] TextOrDefault(string column, string fallback) =>
        Has(column) ? Text(column).Select(c => string.IsNullOrEmpty(c) ? fallback : c).ToArray() : Enumerable.Repeat(fallback, RowCount).ToArray();

    /// <summary>
    /// The column parsed as finite numbers. Throws <see cref="RunLogException"/> naming the first bad cell
    /// (empty, not a number, NaN or infinite).
    /// </summary>
    public double[] Numeric(string column)
    {
        if (_derived.TryGetValue(column, out var derived)) return derived;
        var cells = _columns.TryGetValue(column, out var c) ? c : throw Missing(column);
        var values = new double[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            var cell = cells[i];
            if (string.IsNullOrWhiteSpace(cell)) throw new RunLogException(File, Lines[i], column, "empty cell where a number is needed");
            if (!double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v))
                throw new RunLogException(File, Lines[i], column, $"'{Shorten(cell)}' is not a number");
            if (!double.IsFinite(v)) throw new RunLogException(File, Lines[i], column, $"{cell} is not a finite number");
            values[i] = v;
        }
        return values;
    }

    /// <summary>The column as numbers that must all be strictly positive (losses, sizes, token counts).</summary>
    public double[] Positive(string column)
    {
        var values = Numeric(column);
        for (int i = 0; i < values.Length; i++)
            if (!(values[i] > 0)) throw new RunLogException(File, Lines[i], column, $"{values[i].ToString(System.Globalization.CultureInfo.InvariantCulture)} must be positive");
        return values;
    }

    /// <summary>Adds a computed numeric column (e.g. tokens = flops / (6 params)).</summary>
    public void AddDerived(string column, double[] values)
    {
        if (values.Length != RowCount) throw new ArgumentException("derived column length differs from the row count");
        _derived[column] = values;
    }

    /// <summary>A new table with only the given rows (in the given order).</summary>
    public RunLogTable Select(IReadOnlyList<int> rows)
    {
        var columns = _columns.ToDictionary(kv => kv.Key, kv => rows.Select(r => kv.Value[r]).ToArray(), StringComparer.Ordinal);
        var table = new RunLogTable(File, ColumnOrder, columns, rows.Select(r => Lines[r]).ToArray());
        foreach (var (name, values) in _derived) table._derived[name] = rows.Select(r => values[r]).ToArray();
        return table;
    }

    private RunLogException Missing(string column)
    {
        var all = ColumnOrder.Concat(_derived.Keys).Distinct().ToList();
        var near = all.OrderBy(c => Levenshtein(c.ToLowerInvariant(), column.ToLowerInvariant())).FirstOrDefault();
        var hint = near is not null && Levenshtein(near.ToLowerInvariant(), column.ToLowerInvariant()) <= Math.Max(2, column.Length / 3)
            ? $" (did you mean '{near}'? or map a column with --map \"{column}=<your column>\")"
            : $" (columns: {string.Join(", ", all.Take(12))}; map one with --map \"{column}=<your column>\")";
        return new RunLogException(File, 1, column, "no such column" + hint);
    }

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..37] + "...";

    internal static int Levenshtein(string a, string b)
    {
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
