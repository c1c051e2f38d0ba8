using System.Buffers.Binary;
using System.Text.Json;

namespace MixLab.Cli.Tests;

/// <summary>Small readers for the files <c>mixlab fit</c> writes.</summary>
public static class FileChecks
{
    /// <summary>The eight bytes every PNG file starts with.</summary>
    public static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The law parameters every Chinchilla fit reports.</summary>
    public static readonly string[] ChinchillaParameters = ["E", "A", "B", "alpha", "beta"];

    /// <summary>
    /// Asserts that <paramref name="path"/> is a PNG (signature, then an IHDR chunk) of at least
    /// <paramref name="minBytes"/> bytes, and returns its width and height from the IHDR chunk.
    /// </summary>
    public static (int Width, int Height) AssertPng(string path, int minBytes = 5_000)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= minBytes, $"{Path.GetFileName(path)} has only {bytes.Length} bytes");
        Assert.Equal(PngSignature, bytes[..8]);
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        Assert.True(width > 0 && height > 0, $"{path}: IHDR says {width}x{height}");
        return (width, height);
    }

    /// <summary>Parses a JSON file (fit.json, mixture.json).</summary>
    public static JsonElement ReadJson(string path)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }

    /// <summary>parameters.NAME of a fit.json root.</summary>
    public static JsonElement Parameter(JsonElement fit, string name)
    {
        Assert.True(fit.GetProperty("parameters").TryGetProperty(name, out var p), $"fit.json has no parameters.{name}");
        return p;
    }

    /// <summary>parameters.NAME.estimate of a fit.json root.</summary>
    public static double Estimate(JsonElement fit, string name) => Parameter(fit, name).GetProperty("estimate").GetDouble();

    /// <summary>
    /// Asserts parameters.NAME has a finite estimate, a positive finite se and a ci of two finite numbers in order,
    /// and returns them.
    /// </summary>
    public static (double Estimate, double Se, double Lo, double Hi) AssertFullEstimate(JsonElement fit, string name)
    {
        var p = Parameter(fit, name);
        Assert.Equal(JsonValueKind.Number, p.GetProperty("estimate").ValueKind);
        Assert.Equal(JsonValueKind.Number, p.GetProperty("se").ValueKind);
        var ci = p.GetProperty("ci");
        Assert.Equal(JsonValueKind.Array, ci.ValueKind);
        Assert.Equal(2, ci.GetArrayLength());
        Assert.All(ci.EnumerateArray(), v => Assert.Equal(JsonValueKind.Number, v.ValueKind));
        double est = p.GetProperty("estimate").GetDouble(), se = p.GetProperty("se").GetDouble();
        double lo = ci[0].GetDouble(), hi = ci[1].GetDouble();
        Assert.True(double.IsFinite(est), $"{name}: estimate {est}");
        Assert.True(se > 0 && double.IsFinite(se), $"{name}: se {se}");
        Assert.True(lo < hi, $"{name}: ci [{lo}, {hi}]");
        return (est, se, lo, hi);
    }

    /// <summary>Reads a CSV with a header and no quoted commas (residuals.csv) as rows of named cells.</summary>
    public static List<Dictionary<string, string>> ReadSimpleCsv(string path)
    {
        Assert.True(File.Exists(path), $"missing {path}");
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return lines.Skip(1).Select(l =>
        {
            var cells = l.Split(',');
            Assert.Equal(header.Length, cells.Length);
            return header.Zip(cells).ToDictionary(x => x.First, x => x.Second);
        }).ToList();
    }

    /// <summary>fit.json's text with the lines that carry a file path removed (input.file).</summary>
    public static string WithoutPaths(string fitJsonText) =>
        string.Join('\n', fitJsonText.Split('\n').Where(l => !l.TrimStart().StartsWith("\"file\":", StringComparison.Ordinal)));
}
