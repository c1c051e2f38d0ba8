using System.Text;
using System.Text.Json.Nodes;
using MixLab.Training;

namespace MixLab.Training.Tests;

/// <summary>Temporary folders, small synthetic corpora and configs for the training tests.</summary>
internal static class TrainingFixtures
{
    static TrainingFixtures() => TrainingRuntime.Initialize();

    /// <summary>The folder holding MixLab.sln.</summary>
    public static string RepoRoot { get; } = FindRoot();

    public static string TempDir(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "mixlab-train-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>Writes a JSONL corpus: per domain, <paramref name="docs"/> documents repeating that domain's phrase.</summary>
    public static string WriteCorpus(string dir, IReadOnlyDictionary<string, string> phrases, int docs = 40, int repeats = 30)
    {
        var path = Path.Combine(dir, "corpus.jsonl");
        var sb = new StringBuilder();
        foreach (var (domain, phrase) in phrases)
            for (int i = 0; i < docs; i++)
            {
                var text = string.Concat(Enumerable.Repeat(phrase + " ", repeats)) + $"#{i}";
                var o = new JsonObject { ["id"] = $"{domain}/{i}", ["text"] = text, ["metadata"] = new JsonObject { ["domain"] = domain } };
                sb.Append(o.ToJsonString()).Append('\n');
            }
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    public static readonly Dictionary<string, string> TwoDomains = new()
    {
        ["alpha"] = "the quick brown fox jumps over the lazy dog",
        ["beta"] = "0123456789 abcdef 0123456789 fedcba",
    };

    /// <summary>A tiny config (1 layer, d = 32, context 32, batch 8, 1 thread) over <paramref name="corpus"/>; <paramref name="extra"/> is appended YAML.</summary>
    public static string TinyYaml(string corpus, int steps = 40, string policy = "stratified", string model = "", string extra = "", string training = "") => $$"""
        seed: 7
        data:
          inputs: [{{corpus}}]
          validation_fraction: 0.2
          test_fraction: 0.1
          validation_sequences: 8
          test_sequences: 4
        model:
          layers: 1
          d_model: 32
          heads: 2
          context: 32
        {{model}}
        training:
          steps: {{steps}}
          batch_size: 8
          lr: 1.0e-2
          min_lr: 1.0e-3
          warmup_steps: 5
          eval_interval: 10
          checkpoint_interval: 20
          threads: 1
        {{training}}
        mixing:
          policy: {{policy}}
          aioli: { eta: 0.5, lp_rounds: 1, lp_steps: 2, update_steps: 10 }
        {{extra}}
        """;

    public static TrainConfig Config(string dir, string yaml, TrainOverrides? overrides = null)
    {
        var path = Path.Combine(dir, "config.yaml");
        File.WriteAllText(path, yaml);
        return TrainConfigLoader.Load(path, overrides);
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MixLab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("MixLab.sln not found above the test assembly");
    }
}
