using MixLab.OnlineMixing;

namespace MixLab.Training;

/// <summary>
/// A training run's configuration, bound from YAML with snake_case names (docs/train.md): data, model, optimisation and
/// mixing policy. Relative paths are resolved against the config file's folder by <see cref="TrainConfigLoader"/>.
/// </summary>
public sealed class TrainConfig
{
    /// <summary>Run name written to the run log's <c>run</c> column (default: config file name and policy).</summary>
    public string? Run { get; init; }
    /// <summary>Seed of the model initialisation, the data split, the batch sampler and (unless set there) the policy.</summary>
    public ulong Seed { get; init; } = 1;
    public DataOptions Data { get; init; } = new();
    public ModelOptions Model { get; init; } = new();
    public OptimizationOptions Training { get; init; } = new();
    public MixingConfig Mixing { get; init; } = new();
}

/// <summary>Where the documents come from, how they are grouped into domains, split and tokenised (Aioli spec §3 "Data").</summary>
public sealed class DataOptions
{
    /// <summary>Document files or folders (JSONL, .jsonl.gz, .jsonl.zst, Parquet, text folders).</summary>
    public List<string> Inputs { get; init; } = [];
    /// <summary>The field that names a document's domain: <c>metadata.&lt;key&gt;</c> or <c>source</c>.</summary>
    public string GroupBy { get; init; } = "metadata.domain";
    /// <summary>Domains to train on, in this order; empty = every domain found, sorted. A listed domain without documents is an error.</summary>
    public List<string> Domains { get; init; } = [];
    /// <summary>Share of each domain's documents held out for validation (split by document, seeded).</summary>
    public double ValidationFraction { get; init; } = 0.1;
    /// <summary>Share of each domain's documents held out for the final test.</summary>
    public double TestFraction { get; init; } = 0.1;
    /// <summary>Most validation sequences per domain (fixed, non-overlapping windows; spec §7: 32–128).</summary>
    public int ValidationSequences { get; init; } = 32;
    /// <summary>Most test sequences per domain.</summary>
    public int TestSequences { get; init; } = 32;
    /// <summary><c>byte</c> (UTF-8 bytes, vocabulary 257 with end-of-text) or <c>gpt2</c> (GPT-2 BPE, 50,257).</summary>
    public string Tokenizer { get; init; } = "byte";
    /// <summary>Most documents read per domain (0 = all); keeps tiny runs quick.</summary>
    public int MaxDocumentsPerDomain { get; init; }
}

/// <summary>Decoder-only GPT shape: pre-norm blocks, learned positions, tied output, optional MoE feed-forward layers.</summary>
public sealed class ModelOptions
{
    public int Layers { get; init; } = 2;
    public int DModel { get; init; } = 128;
    public int Heads { get; init; } = 4;
    /// <summary>Context length in tokens.</summary>
    public int Context { get; init; } = 128;
    /// <summary>Feed-forward hidden width as a multiple of d_model (dense layers and the shared expert).</summary>
    public int MlpRatio { get; init; } = 4;
    /// <summary>Mixture-of-experts feed-forward layers; null = dense.</summary>
    public MoeOptions? Moe { get; init; }
}

/// <summary>MoE feed-forward options: top-k softmax routing, optional shared expert, Switch-style load-balancing loss.</summary>
public sealed class MoeOptions
{
    /// <summary>Routed experts per MoE layer.</summary>
    public int Experts { get; init; } = 4;
    /// <summary>Experts each token is sent to.</summary>
    public int TopK { get; init; } = 2;
    /// <summary>Hidden width of each routed expert (0 = d_model·mlp_ratio / top_k, about the dense layer's active FLOPs).</summary>
    public int ExpertHidden { get; init; }
    /// <summary>Adds one always-active dense expert of the routed experts' width.</summary>
    public bool SharedExpert { get; init; }
    /// <summary>Weight of the load-balancing loss E·Σ_e f_e·P_e.</summary>
    public double AuxLossCoef { get; init; } = 0.01;
    /// <summary>Every n-th block is MoE (1 = all, 2 = every second, starting with the second).</summary>
    public int Every { get; init; } = 1;
    /// <summary>Renormalise the top-k router probabilities to sum to 1 per token.</summary>
    public bool NormalizeTopK { get; init; } = true;
}

/// <summary>AdamW with linear warm-up and cosine decay, gradient clipping, evaluation and checkpoint intervals.</summary>
public sealed class OptimizationOptions
{
    /// <summary>Total optimizer steps S.</summary>
    public int Steps { get; init; } = 1000;
    public int BatchSize { get; init; } = 16;
    /// <summary>Peak learning rate.</summary>
    public double Lr { get; init; } = 1e-3;
    /// <summary>Learning rate at the end of the cosine decay (the reference code hard-codes 1e-4, spec §2.5 item 5).</summary>
    public double MinLr { get; init; } = 1e-4;
    public int WarmupSteps { get; init; } = 100;
    /// <summary>Decoupled weight decay on matrices (not on norms, biases or embeddings' positions).</summary>
    public double WeightDecay { get; init; } = 0.1;
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.95;
    public double Eps { get; init; } = 1e-8;
    /// <summary>Global gradient-norm clip (0 = off).</summary>
    public double GradClip { get; init; } = 1.0;
    /// <summary>Steps between per-domain validation rows in runlog.csv (the last step is always evaluated).</summary>
    public int EvalInterval { get; init; } = 100;
    /// <summary>Steps between checkpoints (0 = only at the end).</summary>
    public int CheckpointInterval { get; init; } = 500;
    /// <summary>Torch threads (0 = one per core).</summary>
    public int Threads { get; init; }
    /// <summary>Start from the model weights of another run (its output folder or a checkpoint folder) instead of a random
    /// initialisation, for continual pre-training: only the weights are taken (same model shape and tokenizer required);
    /// the optimizer, schedule, step count and mixture start fresh. Relative to the config file.</summary>
    public string? InitFrom { get; init; }
}

/// <summary>
/// The mixing policy and its options, one section per policy (snake_case names as in <see cref="MixingPolicies"/>); only
/// the section of the chosen policy is used, so <c>--policy</c> can switch between configured ones.
/// </summary>
public sealed class MixingConfig
{
    /// <summary>Policy name (<see cref="MixingPolicies.Names"/>); default stratified.</summary>
    public string Policy { get; init; } = MixingPolicies.Stratified;
    /// <summary>DoReMi: checkpoint folder of a reference model trained on the same data (e.g. a stratified run's <c>checkpoint</c>).</summary>
    public string? ReferenceCheckpoint { get; init; }
    public MixingPolicyOptions? Stratified { get; init; }
    public StaticOptions? Static { get; init; }
    public GridSearchOptions? GridSearch { get; init; }
    public DataMixingLawOptions? DataMixingLaw { get; init; }
    public DoReMiOptions? Doremi { get; init; }
    public SkillItOptions? SkillIt { get; init; }
    public DoGEOptions? Doge { get; init; }
    public AioliOptions? Aioli { get; init; }
}
