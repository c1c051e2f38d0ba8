using System.Text.Json;

namespace MixLab.Curation.Pipeline;

/// <summary>Counts of one step over one input: documents seen, kept, dropped by reason, and the step's own counters.</summary>
public sealed class StepCounters(string name)
{
    public string Name { get; } = name;
    public long In { get; set; }
    public long Kept { get; set; }

    /// <summary>Seconds spent in the step's own work (not counting the writing of what it dropped).</summary>
    public double Seconds { get; set; }

    /// <summary>Seconds spent writing the documents the step dropped to its exclusion folder.</summary>
    public double ExclusionWriteSeconds { get; set; }

    public SortedDictionary<string, long> Dropped { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, long> Extra { get; } = new(StringComparer.Ordinal);

    public long DroppedTotal => Dropped.Values.Sum();

    public void Add(StepCounters other)
    {
        In += other.In;
        Kept += other.Kept;
        Seconds += other.Seconds;
        ExclusionWriteSeconds += other.ExclusionWriteSeconds;
        foreach (var (k, v) in other.Dropped) Dropped[k] = Dropped.GetValueOrDefault(k) + v;
        foreach (var (k, v) in other.Extra) Extra[k] = Extra.GetValueOrDefault(k) + v;
    }

    public void Write(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteString("step", Name);
        w.WriteNumber("in", In);
        w.WriteNumber("kept", Kept);
        w.WriteNumber("dropped", DroppedTotal);
        w.WriteNumber("seconds", Math.Round(Seconds, 3));
        if (ExclusionWriteSeconds > 0) w.WriteNumber("exclusion_write_seconds", Math.Round(ExclusionWriteSeconds, 3));
        w.WriteStartObject("dropped_by_reason");
        foreach (var (k, v) in Dropped) w.WriteNumber(k, v);
        w.WriteEndObject();
        if (Extra.Count > 0)
        {
            w.WriteStartObject("stats");
            foreach (var (k, v) in Extra) w.WriteNumber(k, v);
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    public static StepCounters Read(JsonElement e)
    {
        var c = new StepCounters(e.GetProperty("step").GetString()!)
        {
            In = e.GetProperty("in").GetInt64(),
            Kept = e.GetProperty("kept").GetInt64(),
            Seconds = e.TryGetProperty("seconds", out var sec) ? sec.GetDouble() : 0,
            ExclusionWriteSeconds = e.TryGetProperty("exclusion_write_seconds", out var ex) ? ex.GetDouble() : 0,
        };
        foreach (var p in e.GetProperty("dropped_by_reason").EnumerateObject()) c.Dropped[p.Name] = p.Value.GetInt64();
        if (e.TryGetProperty("stats", out var s))
            foreach (var p in s.EnumerateObject()) c.Extra[p.Name] = p.Value.GetInt64();
        return c;
    }
}
