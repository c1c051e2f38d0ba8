using System.IO.Compression;
using System.Text;
using System.Text.Json;

namespace MixLab.RunLogs;

/// <summary>
/// Reads a run-log table from CSV, TSV or JSON Lines (optionally .gz), renames columns with a
/// <c>canonical=source</c> map, and derives <c>tokens = flops / (6·params)</c> or <c>flops = 6·params·tokens</c>
/// when one of them is absent (the C ≈ 6ND rule used by Hoffmann et al. and Epoch AI).
/// </summary>
/// <remarks>
/// The CSV parser is written here (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) because
/// error messages must carry the physical line of each record and run logs are small.
/// </remarks>
public static class RunLogReader
{
    /// <summary>Reads <paramref name="path"/>; <paramref name="map"/> maps canonical names to the file's column names.</summary>
    public static RunLogTable Read(string path, IReadOnlyDictionary<string, string>? map = null)
    {
        if (!System.IO.File.Exists(path)) throw new RunLogException(path, null, null, "file not found");
        string text;
        try
        {
            using var stream = OpenMaybeCompressed(path);
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new RunLogException(path, null, null, $"cannot read: {e.Message}");
        }

        var lower = path.ToLowerInvariant();
        if (lower.EndsWith(".gz")) lower = lower[..^3];
        var (header, rows, lines) = lower.EndsWith(".jsonl") || lower.EndsWith(".json") || lower.EndsWith(".ndjson")
            ? ParseJsonLines(path, text)
            : ParseDelimited(path, text, lower.EndsWith(".tsv") ? '\t' : ',');
        return Build(path, header, rows, lines, map ?? new Dictionary<string, string>());
    }

    private static Stream OpenMaybeCompressed(string path)
    {
        var file = System.IO.File.OpenRead(path);
        return path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
    }

    private static RunLogTable Build(string path, List<string> header, List<string?[]> rows, List<int> lines, IReadOnlyDictionary<string, string> map)
    {
        if (rows.Count == 0) throw new RunLogException(path, null, null, "the table has no data rows");
        var sourceToCanonical = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (canonical, source) in map)
        {
            if (!header.Contains(source))
            {
                var near = header.OrderBy(h => RunLogTable.Levenshtein(h.ToLowerInvariant(), source.ToLowerInvariant())).First();
                throw new RunLogException(path, 1, source, $"--map {canonical}={source}: no such column (did you mean '{near}'?)");
            }
            sourceToCanonical[source] = canonical;
        }

        // A mapped column wins over a column that already carries the canonical name; other clashes are errors.
        var candidates = new List<(string Name, int Index, bool Mapped)>();
        for (int c = 0; c < header.Count; c++)
        {
            bool mapped = sourceToCanonical.TryGetValue(header[c], out var canonical);
            candidates.Add((mapped ? canonical! : Canonicalise(header[c]), c, mapped));
        }
        var names = new List<string>();
        var columns = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var group in candidates.GroupBy(x => x.Name, StringComparer.Ordinal))
        {
            var chosen = group.Count() == 1 ? group.First()
                : group.Count(x => x.Mapped) == 1 ? group.First(x => x.Mapped)
                : throw new RunLogException(path, 1, header[group.Last().Index], $"duplicate column name '{group.Key}'");
            var cells = new string?[rows.Count];
            for (int r = 0; r < rows.Count; r++) cells[r] = rows[r][chosen.Index];
            columns[group.Key] = cells;
            names.Add(group.Key);
        }

        var table = new RunLogTable(path, names, columns, lines.ToArray());
        DeriveComputeColumns(table);
        return table;
    }

    /// <summary>Canonical names match case-insensitively; other names are kept as written.</summary>
    private static string Canonicalise(string name)
    {
        var trimmed = name.Trim();
        foreach (var known in RunLogColumns.Known)
            if (string.Equals(trimmed, known, StringComparison.OrdinalIgnoreCase)) return known;
        if (trimmed.StartsWith(RunLogColumns.MixPrefix, StringComparison.OrdinalIgnoreCase))
            return RunLogColumns.MixPrefix + trimmed[RunLogColumns.MixPrefix.Length..];
        return trimmed;
    }

    private static void DeriveComputeColumns(RunLogTable table)
    {
        bool hasN = table.Has(RunLogColumns.Params), hasD = table.Has(RunLogColumns.Tokens), hasC = table.Has(RunLogColumns.Flops);
        if (hasN && hasC && !hasD)
        {
            var n = table.Positive(RunLogColumns.Params);
            var c = table.Positive(RunLogColumns.Flops);
            table.AddDerived(RunLogColumns.Tokens, n.Select((v, i) => c[i] / (6 * v)).ToArray());
        }
        else if (hasN && hasD && !hasC && AllNumeric(table, RunLogColumns.Params) && AllNumeric(table, RunLogColumns.Tokens))
        {
            var n = table.Numeric(RunLogColumns.Params);
            var d = table.Numeric(RunLogColumns.Tokens);
            table.AddDerived(RunLogColumns.Flops, n.Select((v, i) => 6 * v * d[i]).ToArray());
        }
    }

    private static bool AllNumeric(RunLogTable table, string column)
    {
        foreach (var cell in table.Text(column))
            if (!double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)) return false;
        return true;
    }

    internal static (List<string> Header, List<string?[]> Rows, List<int> Lines) ParseDelimited(string path, string text, char delimiter)
    {
        var records = new List<(List<string> Fields, int Line)>();
        var field = new StringBuilder();
        var fields = new List<string>();
        int line = 1, recordLine = 1;
        bool inQuotes = false, quotedField = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else inQuotes = false;
                }
                else { if (ch == '\n') line++; field.Append(ch); }
                continue;
            }
            if (ch == '"' && field.Length == 0 && !quotedField) { inQuotes = true; quotedField = true; any = true; continue; }
            if (ch == delimiter) { fields.Add(field.ToString()); field.Clear(); quotedField = false; any = true; continue; }
            if (ch == '\r') continue;
            if (ch == '\n')
            {
                if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add((fields, recordLine)); }
                fields = new List<string>(records.Count > 0 ? records[0].Fields.Count : 4); field.Clear(); quotedField = false; any = false;
                line++; recordLine = line;
                continue;
            }
            field.Append(ch); any = true;
        }
        if (inQuotes) throw new RunLogException(path, recordLine, null, "a quoted field is not closed");
        if (any || field.Length > 0) { fields.Add(field.ToString()); records.Add((fields, recordLine)); }
        if (records.Count == 0) throw new RunLogException(path, null, null, "the file is empty");

        var header = records[0].Fields.Select(h => h.Trim()).ToList();
        if (header.Count > 0 && header[0].Length == 0 && header.Count > 1) header[0] = "index"; // pandas' unnamed index column
        for (int c = 0; c < header.Count; c++)
            if (header[c].Length == 0) throw new RunLogException(path, 1, $"#{c + 1}", "empty column name in the header");
        var rows = new List<string?[]>();
        var lines = new List<int>();
        for (int r = 1; r < records.Count; r++)
        {
            var (f, l) = records[r];
            if (f.Count != header.Count)
                throw new RunLogException(path, l, null, $"has {f.Count} fields, the header has {header.Count}");
            var row = new string?[f.Count];
            for (int c = 0; c < row.Length; c++) row[c] = f[c].Length == 0 ? null : f[c];
            rows.Add(row);
            lines.Add(l);
        }
        return (header, rows, lines);
    }

    private static (List<string> Header, List<string?[]> Rows, List<int> Lines) ParseJsonLines(string path, string text)
    {
        var header = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var objects = new List<Dictionary<string, string?>>();
        var lines = new List<int>();
        int lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            JsonDocument doc;
            try { doc = JsonDocument.Parse(line); }
            catch (JsonException e) { throw new RunLogException(path, lineNumber, null, $"not valid JSON ({e.Message.Split('.')[0]})"); }
            using (doc)
            {
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new RunLogException(path, lineNumber, null, "each line must be a JSON object");
                var row = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var p in doc.RootElement.EnumerateObject())
                    Flatten(p.Name, p.Value, row);
                foreach (var key in row.Keys)
                    if (index.TryAdd(key, header.Count)) header.Add(key);
                objects.Add(row);
                lines.Add(lineNumber);
            }
        }
        var rows = objects.Select(o => header.Select(h => o.TryGetValue(h, out var v) ? v : null).ToArray()).ToList();
        return (header, rows, lines);
    }

    /// <summary>Nested objects become dotted names, so <c>{"mix": {"web": 0.5}}</c> reads as <c>mix.web</c>.</summary>
    private static void Flatten(string name, JsonElement value, Dictionary<string, string?> row)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject()) Flatten(name + "." + p.Name, p.Value, row);
                break;
            case JsonValueKind.Null: row[name] = null; break;
            case JsonValueKind.String: row[name] = value.GetString(); break;
            default: row[name] = value.GetRawText(); break;
        }
    }
}
