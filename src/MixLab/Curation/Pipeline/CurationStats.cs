using System.Text;
using System.Text.Json;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Statistics of a curation run, per input file or merged over all of them (stats.json): documents read, rejected
/// records, kept documents and their characters, per-step counters in pipeline order, and kept documents per licence
/// tier. Conservation holds by construction: read = kept + dropped by all steps (rejects are counted apart).
/// </summary>
public sealed class CurationStats
{
    public long DocumentsRead { get; set; }
    public long Rejected { get; set; }
    public long Kept { get; set; }
    public long KeptChars { get; set; }
    public long InputChars { get; set; }
    /// <summary>Seconds spent reading, decompressing and parsing input (wall time of the reader between documents).</summary>
    public double ReadSeconds { get; set; }

    /// <summary>Seconds spent writing kept documents (and, with global dedup, the stage-one work files and hashes).</summary>
    public double WriteSeconds { get; set; }

    public List<StepCounters> Steps { get; } = new();
    public SortedDictionary<string, long> KeptByTier { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> KeptBySource { get; } = new(StringComparer.Ordinal);

    public long Dropped => Steps.Sum(s => s.DroppedTotal);

    public StepCounters Step(string name)
    {
        var s = Steps.Find(x => x.Name == name);
        if (s is null) { s = new StepCounters(name); Steps.Add(s); }
        return s;
    }

    /// <summary>Adds another input's (or phase's) counts; steps are matched by name and keep first-seen order.</summary>
    public void Add(CurationStats other, bool countDocumentsRead = true)
    {
        if (countDocumentsRead)
        {
            DocumentsRead += other.DocumentsRead;
            Rejected += other.Rejected;
            InputChars += other.InputChars;
        }
        Kept += other.Kept;
        ReadSeconds += other.ReadSeconds;
        WriteSeconds += other.WriteSeconds;
        KeptChars += other.KeptChars;
        foreach (var s in other.Steps) Step(s.Name).Add(s);
        foreach (var (k, v) in other.KeptByTier) KeptByTier[k] = KeptByTier.GetValueOrDefault(k) + v;
        foreach (var (k, v) in other.KeptBySource) KeptBySource[k] = KeptBySource.GetValueOrDefault(k) + v;
    }

    public string ToJson()
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("documents_read", DocumentsRead);
            w.WriteNumber("rejected_records", Rejected);
            w.WriteNumber("kept", Kept);
            w.WriteNumber("dropped", Dropped);
            w.WriteNumber("input_chars", InputChars);
            w.WriteNumber("kept_chars", KeptChars);
            w.WriteNumber("read_seconds", Math.Round(ReadSeconds, 3));
            w.WriteNumber("write_seconds", Math.Round(WriteSeconds, 3));
            w.WriteStartArray("steps");
            foreach (var s in Steps) s.Write(w);
            w.WriteEndArray();
            w.WriteStartObject("kept_by_tier");
            foreach (var (k, v) in KeptByTier) w.WriteNumber(k, v);
            w.WriteEndObject();
            w.WriteStartObject("kept_by_source");
            foreach (var (k, v) in KeptBySource) w.WriteNumber(k, v);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    public static CurationStats FromJson(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var e = doc.RootElement;
        var s = new CurationStats
        {
            DocumentsRead = e.GetProperty("documents_read").GetInt64(),
            Rejected = e.GetProperty("rejected_records").GetInt64(),
            Kept = e.GetProperty("kept").GetInt64(),
            InputChars = e.GetProperty("input_chars").GetInt64(),
            KeptChars = e.GetProperty("kept_chars").GetInt64(),
            ReadSeconds = e.TryGetProperty("read_seconds", out var r) ? r.GetDouble() : 0,
            WriteSeconds = e.TryGetProperty("write_seconds", out var wr) ? wr.GetDouble() : 0,
        };
        foreach (var step in e.GetProperty("steps").EnumerateArray()) s.Steps.Add(StepCounters.Read(step));
        foreach (var p in e.GetProperty("kept_by_tier").EnumerateObject()) s.KeptByTier[p.Name] = p.Value.GetInt64();
        foreach (var p in e.GetProperty("kept_by_source").EnumerateObject()) s.KeptBySource[p.Name] = p.Value.GetInt64();
        return s;
    }
}
