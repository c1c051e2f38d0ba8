using System.Text;
using System.Text.Json;
using ZstdSharp;

namespace MixLab.Cli.Tests;

/// <summary>Reads what <c>mixlab curate</c> wrote: documents of .jsonl.zst shards, and whole output trees for comparison.</summary>
public static class CurateOutput
{
    public const string SampleCorpus = "samples/corpus/";
    public const string EdgeCases = "samples/corpus/edge-cases.jsonl";

    /// <summary>Every document of every .jsonl.zst file under <paramref name="folder"/>, in file-name then line order.</summary>
    public static List<JsonElement> Documents(string folder)
    {
        var docs = new List<JsonElement>();
        if (!Directory.Exists(folder)) return docs;
        foreach (var file in Directory.GetFiles(folder, "*.jsonl.zst", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            using var input = new DecompressionStream(File.OpenRead(file));
            using var reader = new StreamReader(input, Encoding.UTF8);
            while (reader.ReadLine() is { } line)
                if (line.Length > 0) docs.Add(JsonDocument.Parse(line).RootElement.Clone());
        }
        return docs;
    }

    /// <summary>Relative path -> bytes of every file under output/, excluded/ and rejects/, plus stats.json.</summary>
    public static SortedDictionary<string, byte[]> Tree(string root)
    {
        var tree = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var sub in new[] { "output", "excluded", "rejects" })
        {
            string dir = Path.Combine(root, sub);
            if (!Directory.Exists(dir)) continue;
            foreach (var f in Directory.GetFiles(dir, "*", SearchOption.AllDirectories))
                tree[Path.GetRelativePath(root, f)] = File.ReadAllBytes(f);
        }
        tree["stats.json"] = System.Text.Encoding.UTF8.GetBytes(StatsWithoutTimes(File.ReadAllText(Path.Combine(root, "stats.json"))));
        return tree;
    }

    /// <summary>stats.json without the timing fields (read_seconds, write_seconds, per-step seconds), the only
    /// fields that may differ between runs of the same input.</summary>
    public static string StatsWithoutTimes(string json)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        int removed = Strip(node);
        Assert.True(removed > 0, "stats.json should carry timing fields");
        return node.ToJsonString();

        static int Strip(System.Text.Json.Nodes.JsonNode? n)
        {
            int count = 0;
            if (n is System.Text.Json.Nodes.JsonObject o)
            {
                foreach (var key in o.Select(p => p.Key).Where(k => k.EndsWith("seconds", StringComparison.Ordinal)).ToList())
                {
                    o.Remove(key);
                    count++;
                }
                foreach (var p in o) count += Strip(p.Value);
            }
            else if (n is System.Text.Json.Nodes.JsonArray a)
            {
                foreach (var item in a) count += Strip(item);
            }
            return count;
        }
    }

    public static void AssertSameTree(string expectedRoot, string actualRoot)
    {
        var a = Tree(expectedRoot);
        var b = Tree(actualRoot);
        Assert.Equal(a.Keys, b.Keys);
        foreach (var (k, v) in a) Assert.True(v.AsSpan().SequenceEqual(b[k]), $"{k} differs");
    }
}
