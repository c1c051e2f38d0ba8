using System.Text.Json.Nodes;

namespace MixLab.OnlineMixing;

/// <summary>Conversions between policy state (numbers, vectors, matrices) and JSON nodes; non-finite numbers are stored as null.</summary>
internal static class JsonState
{
    public static JsonArray Vector(IReadOnlyList<double> v)
    {
        var a = new JsonArray();
        foreach (var x in v) a.Add(double.IsFinite(x) ? JsonValue.Create(x) : null);
        return a;
    }

    public static JsonArray? Matrix(double[][]? m)
    {
        if (m is null) return null;
        var a = new JsonArray();
        foreach (var row in m) a.Add(Vector(row));
        return a;
    }

    public static double[] ReadVector(JsonNode? node, string field)
    {
        if (node is not JsonArray a) throw new ArgumentException($"policy state: '{field}' is missing or not an array");
        var v = new double[a.Count];
        for (int i = 0; i < v.Length; i++) v[i] = a[i] is null ? double.NaN : a[i]!.GetValue<double>();
        return v;
    }

    public static double[][]? ReadMatrix(JsonNode? node, string field)
    {
        if (node is null) return null;
        if (node is not JsonArray a) throw new ArgumentException($"policy state: '{field}' is not an array");
        return a.Select((row, i) => ReadVector(row, $"{field}[{i}]")).ToArray();
    }

    public static T Read<T>(JsonObject o, string field) =>
        o[field] is JsonNode n ? n.GetValue<T>() : throw new ArgumentException($"policy state: '{field}' is missing");
}
