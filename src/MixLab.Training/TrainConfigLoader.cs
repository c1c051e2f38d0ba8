using System.IO.Hashing;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MixLab.OnlineMixing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MixLab.Training;

/// <summary>Command-line overrides of a config (null = keep the file's value).</summary>
public sealed class TrainOverrides
{
    public string? Policy { get; init; }
    public ulong? Seed { get; init; }
    public int? Steps { get; init; }
    public string? Run { get; init; }
    public int? Threads { get; init; }
}

/// <summary>
/// Reads, checks and resolves a <see cref="TrainConfig"/> from YAML (docs/train.md), applies overrides, builds the mixing
/// policy's options and computes the config hash that a checkpoint must match to be resumed.
/// </summary>
public static class TrainConfigLoader
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = false };

    /// <summary>Loads a YAML file; relative input paths are resolved against its folder.</summary>
    public static TrainConfig Load(string path, TrainOverrides? overrides = null)
    {
        if (!File.Exists(path)) throw new TrainingConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!, overrides);
    }

    /// <summary>Parses YAML text; <paramref name="source"/> names it in errors; relative paths resolve against <paramref name="baseDir"/>.</summary>
    public static TrainConfig Parse(string yaml, string source, string baseDir, TrainOverrides? overrides = null)
    {
        var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build();
        TrainConfig? parsed;
        try { parsed = deserializer.Deserialize<TrainConfig>(yaml); }
        catch (YamlException e)
        {
            var why = e.InnerException?.Message ?? e.Message;
            throw new TrainingConfigException($"{source}: line {e.Start.Line}, column {e.Start.Column}: {why}", e);
        }
        parsed ??= new TrainConfig();
        var c = Clone(parsed);
        Set(c, nameof(TrainConfig.Run), overrides?.Run ?? c.Run ?? $"{Path.GetFileNameWithoutExtension(source)}-{PolicyName(c, overrides)}");
        if (overrides?.Seed is ulong seed) Set(c, nameof(TrainConfig.Seed), seed);
        if (overrides?.Steps is int steps) Set(c.Training, nameof(OptimizationOptions.Steps), steps);
        if (overrides?.Threads is int threads) Set(c.Training, nameof(OptimizationOptions.Threads), threads);
        Set(c.Mixing, nameof(MixingConfig.Policy), PolicyName(c, overrides));
        Set(c.Data, nameof(DataOptions.Inputs), c.Data.Inputs.Select(p => Path.IsPathRooted(p) ? p : Path.GetFullPath(Path.Combine(baseDir, p))).ToList());
        if (c.Training.InitFrom is { } init && !Path.IsPathRooted(init))
            Set(c.Training, nameof(OptimizationOptions.InitFrom), Path.GetFullPath(Path.Combine(baseDir, init)));
        if (c.Mixing.ReferenceCheckpoint is { } rc && !Path.IsPathRooted(rc))
            Set(c.Mixing, nameof(MixingConfig.ReferenceCheckpoint), Path.GetFullPath(Path.Combine(baseDir, rc)));
        Validate(c, source);
        return c;
    }

    private static string PolicyName(TrainConfig c, TrainOverrides? o)
    {
        var name = o?.Policy ?? c.Mixing.Policy;
        try { return MixingPolicies.Canonical(name); }
        catch (ArgumentException e) { throw new TrainingConfigException(e.Message); }
    }

    /// <summary>Checks every number and name; throws <see cref="TrainingConfigException"/> naming the field.</summary>
    public static void Validate(TrainConfig c, string source)
    {
        void Need(bool ok, string field, string what) { if (!ok) throw new TrainingConfigException($"{source}: {field} {what}"); }
        var d = c.Data; var m = c.Model; var t = c.Training;
        Need(d.Inputs.Count > 0, "data.inputs", "must list at least one document file or folder");
        foreach (var p in d.Inputs) Need(File.Exists(p) || Directory.Exists(p), "data.inputs", $"'{p}' does not exist");
        Need(d.GroupBy == "source" || (d.GroupBy.StartsWith("metadata.", StringComparison.Ordinal) && d.GroupBy.Length > 9), "data.group_by", $"is '{d.GroupBy}'; use metadata.<key> or source");
        Need(d.ValidationFraction > 0 && d.TestFraction >= 0 && d.ValidationFraction + d.TestFraction < 1, "data.validation_fraction/test_fraction", "must be > 0 (test ≥ 0) and sum to less than 1");
        Need(d.ValidationSequences >= 1 && d.TestSequences >= 0, "data.validation_sequences/test_sequences", "must be ≥ 1 and ≥ 0");
        Need(d.Tokenizer is "byte" or "gpt2", "data.tokenizer", $"is '{d.Tokenizer}'; use byte or gpt2");
        Need(d.Domains.Distinct().Count() == d.Domains.Count, "data.domains", "lists a domain twice");
        Need(m.Layers >= 1 && m.DModel >= 8 && m.Heads >= 1 && m.Context >= 2 && m.MlpRatio >= 1, "model", "needs layers ≥ 1, d_model ≥ 8, heads ≥ 1, context ≥ 2, mlp_ratio ≥ 1");
        Need(m.DModel % m.Heads == 0, "model.heads", $"({m.Heads}) must divide d_model ({m.DModel})");
        if (m.Moe is { } moe)
        {
            Need(moe.Experts >= 1 && moe.TopK >= 1 && moe.TopK <= moe.Experts, "model.moe", $"needs experts ≥ 1 and 1 ≤ top_k ≤ experts (got {moe.Experts}, {moe.TopK})");
            Need(moe.Every >= 1 && moe.ExpertHidden >= 0 && moe.AuxLossCoef >= 0, "model.moe", "needs every ≥ 1, expert_hidden ≥ 0, aux_loss_coef ≥ 0");
        }
        Need(t.Steps >= 1 && t.BatchSize >= 1, "training", $"needs steps ≥ 1 and batch_size ≥ 1 (got {t.Steps}, {t.BatchSize})");
        Need(double.IsFinite(t.Lr) && t.Lr > 0 && t.MinLr >= 0 && t.MinLr <= t.Lr, "training.lr/min_lr", "need 0 ≤ min_lr ≤ lr, lr > 0");
        Need(t.WarmupSteps >= 0 && t.WeightDecay >= 0 && t.GradClip >= 0, "training", "needs warmup_steps, weight_decay, grad_clip ≥ 0");
        Need(t.Beta1 is >= 0 and < 1 && t.Beta2 is >= 0 and < 1 && t.Eps > 0, "training.beta1/beta2/eps", "need 0 ≤ β < 1 and eps > 0");
        Need(t.EvalInterval >= 1 && t.CheckpointInterval >= 0 && t.Threads >= 0, "training", "needs eval_interval ≥ 1, checkpoint_interval ≥ 0, threads ≥ 0");
        if (c.Mixing.Policy == MixingPolicies.DoReMi)
            Need(c.Mixing.ReferenceCheckpoint is not null, "mixing.reference_checkpoint", "is required by doremi (a checkpoint folder of a reference run on the same data)");
        if (c.Mixing.ReferenceCheckpoint is { } rc) Need(Directory.Exists(rc), "mixing.reference_checkpoint", $"'{rc}' is not a folder");
        if (c.Training.InitFrom is { } from) Need(Directory.Exists(from), "training.init_from", $"'{from}' is not a folder");
    }

    /// <summary>The chosen policy's options with the run seed filled in when the section sets none (null: the policy's defaults).</summary>
    public static MixingPolicyOptions PolicyOptions(TrainConfig c)
    {
        var name = MixingPolicies.Canonical(c.Mixing.Policy);
        MixingPolicyOptions? o = name switch
        {
            MixingPolicies.Static => c.Mixing.Static,
            MixingPolicies.GridSearch => c.Mixing.GridSearch,
            MixingPolicies.DataMixingLaw => c.Mixing.DataMixingLaw,
            MixingPolicies.DoReMi => c.Mixing.Doremi,
            MixingPolicies.SkillIt => c.Mixing.SkillIt,
            MixingPolicies.DoGE => c.Mixing.Doge,
            MixingPolicies.Aioli => c.Mixing.Aioli,
            _ => c.Mixing.Stratified,
        };
        var type = MixingPolicies.OptionsType(name);
        o ??= name is MixingPolicies.Static or MixingPolicies.DataMixingLaw or MixingPolicies.SkillIt
            ? throw new TrainingConfigException($"mixing.{name}: policy '{name}' needs its options section in the config (see docs/train.md)")
            : (MixingPolicyOptions)Activator.CreateInstance(type)!;
        if (o.Seed == 0) Set(o, nameof(MixingPolicyOptions.Seed), c.Seed);
        return o;
    }

    /// <summary>
    /// xxHash64 of everything that changes the trajectory (data, model, optimisation, seed, the chosen policy and its
    /// section); thread count, run name and checkpoint interval are left out.
    /// </summary>
    public static string Hash(TrainConfig c)
    {
        var node = JsonSerializer.SerializeToNode(c, Json)!.AsObject();
        node.Remove("run");
        node["training"]!.AsObject().Remove("threads");
        node["training"]!.AsObject().Remove("checkpoint_interval");
        node["training"]!.AsObject().Remove("eval_interval");
        var mixing = new JsonObject { ["policy"] = c.Mixing.Policy, ["reference_checkpoint"] = c.Mixing.ReferenceCheckpoint };
        var section = PolicyOptionsOrNull(c);
        if (section is not null) mixing["options"] = JsonSerializer.SerializeToNode(section, section.GetType(), Json);
        node["mixing"] = mixing;
        var bytes = Encoding.UTF8.GetBytes(node.ToJsonString());
        return Convert.ToHexStringLower(XxHash64.Hash(bytes));
    }

    private static MixingPolicyOptions? PolicyOptionsOrNull(TrainConfig c)
    {
        try { return PolicyOptions(c); } catch (TrainingConfigException) { return null; }
    }

    /// <summary>The config as JSON (for the run summary).</summary>
    public static string ToJson(TrainConfig c) => JsonSerializer.Serialize(c, new JsonSerializerOptions(Json) { WriteIndented = true });

    private static TrainConfig Clone(TrainConfig c) => JsonSerializer.Deserialize<TrainConfig>(JsonSerializer.Serialize(c, Json), Json)!;

    private static void Set(object target, string property, object? value) =>
        target.GetType().GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(target, value);
}
