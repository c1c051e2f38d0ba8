using System.IO.Hashing;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// manifest.json of a curation run (DESIGN.md "Outputs of a curation run"): the tool and runtime versions, the pinned
/// configuration, every input (size, modification time), and every output, exclusion and rejects file with its size and
/// xxHash64, so a shard can be traced to what produced it and checked for corruption.
/// </summary>
public static class CurationManifest
{
    public static void Write(OutputLayout layout, IReadOnlyList<CurationInput> inputs, JsonNode configuration, CurationStats stats)
    {
        var o = new JsonObject
        {
            ["tool"] = "mixlab",
            ["version"] = typeof(CurationManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(CurationManifest).Assembly.GetName().Version?.ToString(),
            ["runtime"] = Environment.Version.ToString(),
            ["written_utc"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["configuration"] = configuration.DeepClone(),
            ["inputs"] = new JsonArray(inputs.Select(i => (JsonNode)new JsonObject
            {
                ["index"] = i.Index,
                ["path"] = i.Path,
                ["bytes"] = i.Bytes,
                ["modified_utc"] = File.GetLastWriteTimeUtc(i.Path).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            }).ToArray()),
            ["documents_read"] = stats.DocumentsRead,
            ["kept"] = stats.Kept,
            ["dropped"] = stats.Dropped,
            ["rejected_records"] = stats.Rejected,
            ["outputs"] = Files(layout, layout.Output),
            ["excluded"] = Files(layout, layout.ExcludedRoot),
            ["rejects"] = Files(layout, Path.Combine(layout.Root, "rejects")),
        };
        AtomicFile.WriteAllText(layout.Manifest, o.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
    }

    private static JsonArray Files(OutputLayout layout, string folder)
    {
        var array = new JsonArray();
        if (!Directory.Exists(folder)) return array;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".tmp", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            array.Add(new JsonObject
            {
                ["path"] = Path.GetRelativePath(layout.Root, file).Replace('\\', '/'),
                ["bytes"] = new FileInfo(file).Length,
                ["xxh64"] = Hash(file),
            });
        }
        return array;
    }

    private static string Hash(string file)
    {
        var hash = new XxHash64();
        using var stream = File.OpenRead(file);
        hash.Append(stream);
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
