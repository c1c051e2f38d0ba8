using System.Text.Json;

namespace MixLab;

/// <summary>Small helpers shared by the JSON writers: non-finite numbers are written as null, intervals as two-number arrays.</summary>
internal static class JsonWriting
{
    /// <summary>Writes a number, or null when it is missing, NaN or infinite.</summary>
    public static void N(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v)) w.WriteNumber(name, v); else w.WriteNull(name);
    }

    /// <summary>Writes [lo, hi] (non-finite ends as null), or null when there is no pair.</summary>
    public static void Pair(Utf8JsonWriter w, string name, double[]? pair)
    {
        if (pair is null) { w.WriteNull(name); return; }
        w.WriteStartArray(name);
        foreach (var v in pair) { if (double.IsFinite(v)) w.WriteNumberValue(v); else w.WriteNullValue(); }
        w.WriteEndArray();
    }
}
