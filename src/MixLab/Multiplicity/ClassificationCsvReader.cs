using System.Globalization;
using System.IO.Compression;
using MixLab.RunLogs;

namespace MixLab.Multiplicity;

/// <summary>How to turn a CSV into a logistic-regression data set.</summary>
public sealed record ClassificationCsvOptions
{
    /// <summary>The binary target column.</summary>
    public required string Target { get; init; }
    /// <summary>The target value that counts as positive (y = 1); default: 1 or true when the target is 0/1 or true/false.</summary>
    public string? Positive { get; init; }
    /// <summary>Feature columns; default: every column except the target, id and group.</summary>
    public IReadOnlyList<string>? Features { get; init; }
    /// <summary>Column with row ids for the outputs (default: the 1-based data row number).</summary>
    public string? Id { get; init; }
    /// <summary>Column with a group attribute for per-group measures.</summary>
    public string? Group { get; init; }
    /// <summary>Standardise numeric features to mean 0 and population SD 1 (multiplicity.md check 4).</summary>
    public bool Standardize { get; init; }
}

/// <summary>What the reader did, for the summary.</summary>
/// <param name="FeatureColumns">Input columns used as features.</param>
/// <param name="OneHotColumns">Categorical columns expanded to indicators (first level dropped).</param>
/// <param name="PositiveValue">The target value read as y = 1.</param>
/// <param name="Standardized">Whether numeric features were standardised.</param>
public sealed record ClassificationCsvInfo(IReadOnlyList<string> FeatureColumns, IReadOnlyList<string> OneHotColumns, string PositiveValue, bool Standardized);

/// <summary>
/// Reads a CSV (optionally .gz) with a binary target into <see cref="LogisticData"/>: numeric feature columns as they are
/// (optionally standardised), text columns one-hot encoded with the first level dropped (so the intercept keeps the design
/// full rank), an intercept column first. Missing cells, a target without exactly two values, constant features and unknown
/// columns are errors naming the file, line and column.
/// </summary>
public static class ClassificationCsvReader
{
    /// <summary>Reads <paramref name="path"/>.</summary>
    public static (LogisticData Data, ClassificationCsvInfo Info) Read(string path, ClassificationCsvOptions o)
    {
        if (!File.Exists(path)) throw new RunLogException(path, null, null, "file not found");
        string text;
        using (var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? (Stream)new GZipStream(File.OpenRead(path), CompressionMode.Decompress) : File.OpenRead(path))
        using (var reader = new StreamReader(stream))
            text = reader.ReadToEnd();
        var (header, rows, lines) = RunLogReader.ParseDelimited(path, text, path.EndsWith(".tsv", StringComparison.OrdinalIgnoreCase) ? '\t' : ',');
        if (rows.Count == 0) throw new RunLogException(path, null, null, "the table has no data rows");

        int Column(string name, string option)
        {
            int c = header.IndexOf(name);
            if (c >= 0) return c;
            var near = header.OrderBy(h => RunLogTable.Levenshtein(h.ToLowerInvariant(), name.ToLowerInvariant())).First();
            throw new RunLogException(path, 1, name, $"{option}: no such column (did you mean '{near}'?)");
        }
        int target = Column(o.Target, "--target");
        int? id = o.Id is null ? null : Column(o.Id, "--id");
        int? group = o.Group is null ? null : Column(o.Group, "--group");
        var featureColumns = (o.Features ?? header.Where((h, c) => c != target && c != id && c != group).ToList())
            .Select(f => Column(f, "--features")).ToList();
        if (featureColumns.Contains(target)) throw new RunLogException(path, 1, o.Target, "the target cannot also be a feature");

        // Target: exactly two values.
        for (int r = 0; r < rows.Count; r++)
            if (string.IsNullOrWhiteSpace(rows[r][target])) throw new RunLogException(path, lines[r], o.Target, "missing target value");
        var values = rows.Select(r => r[target]!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (values.Count != 2)
            throw new RunLogException(path, null, o.Target, values.Count < 2
                ? $"the target has only the value '{values[0]}'; both classes are needed"
                : $"the target has {values.Count} values ({string.Join(", ", values.Take(6))}{(values.Count > 6 ? ", ..." : "")}); it must be binary");
        string positive = o.Positive ?? DefaultPositive(values)
            ?? throw new RunLogException(path, null, o.Target, $"the target's values are {values[0]} and {values[1]}: say which is positive with --positive");
        if (!values.Contains(positive)) throw new RunLogException(path, null, o.Target, $"--positive '{positive}' is not a target value ({values[0]}, {values[1]})");

        // Features: numeric as is, text one-hot (first level dropped).
        var names = new List<string> { "(intercept)" };
        var columns = new List<double[]>();
        var oneHot = new List<string>();
        foreach (int c in featureColumns)
        {
            for (int r = 0; r < rows.Count; r++)
                if (string.IsNullOrWhiteSpace(rows[r][c])) throw new RunLogException(path, lines[r], header[c], "missing value (fill or drop it, or leave the column out with --features)");
            var numbers = new double[rows.Count];
            bool numeric = true;
            for (int r = 0; r < rows.Count && numeric; r++)
                numeric = double.TryParse(rows[r][c], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[r]) && double.IsFinite(numbers[r]);
            if (numeric)
            {
                if (Array.TrueForAll(numbers, v => v == numbers[0])) throw new RunLogException(path, null, header[c], "the column is constant: it carries no information and makes the fit singular; leave it out with --features");
                if (o.Standardize)
                {
                    double mean = numbers.Average();
                    double sd = Math.Sqrt(numbers.Average(v => (v - mean) * (v - mean)));
                    for (int r = 0; r < numbers.Length; r++) numbers[r] = (numbers[r] - mean) / sd;
                }
                names.Add(header[c]);
                columns.Add(numbers);
            }
            else
            {
                var levels = rows.Select(r => r[c]!.Trim()).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
                if (levels.Count < 2) throw new RunLogException(path, null, header[c], "the column is constant: leave it out with --features");
                if (levels.Count > 200) throw new RunLogException(path, null, header[c], $"{levels.Count} distinct text values: not a categorical feature (use --features to leave it out, or --id)");
                oneHot.Add(header[c]);
                foreach (var level in levels.Skip(1))
                {
                    names.Add($"{header[c]}={level}");
                    columns.Add(rows.Select(r => string.Equals(r[c]!.Trim(), level, StringComparison.Ordinal) ? 1.0 : 0.0).ToArray());
                }
            }
        }

        int n = rows.Count, d = columns.Count + 1;
        var x = new double[n * d];
        var y = new byte[n];
        for (int r = 0; r < n; r++)
        {
            x[r * d] = 1;
            for (int j = 1; j < d; j++) x[r * d + j] = columns[j - 1][r];
            y[r] = string.Equals(rows[r][target]!.Trim(), positive, StringComparison.Ordinal) ? (byte)1 : (byte)0;
        }
        var ids = id is int ic ? rows.Select(r => r[ic] ?? "").ToList() : Enumerable.Range(1, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var groups = group is int gc ? rows.Select(r => r[gc] ?? "").ToList() : null;
        return (new LogisticData(x, n, d, y, names, ids, groups),
            new ClassificationCsvInfo(featureColumns.Select(c => header[c]).ToList(), oneHot, positive, o.Standardize));
    }

    private static string? DefaultPositive(List<string> values) =>
        values.SequenceEqual(["0", "1"]) ? "1"
        : values.Select(v => v.ToLowerInvariant()).Order().SequenceEqual(["false", "true"]) ? values.First(v => v.Equals("true", StringComparison.OrdinalIgnoreCase))
        : null;
}
