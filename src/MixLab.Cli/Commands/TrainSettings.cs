using System.ComponentModel;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>Arguments of <c>mixlab train</c> (the shared option names of <see cref="CommonSettings"/>, with a seed that only overrides when given).</summary>
public sealed class TrainSettings : CommandSettings
{
    [CommandArgument(0, "<CONFIG>")]
    [Description("YAML training config (docs/train.md).")]
    public string Config { get; init; } = "";

    [CommandOption("--policy <NAME>")]
    [Description("Mixing policy, overriding mixing.policy: stratified, static, grid_search, data_mixing_law, doremi, skill_it, doge, aioli.")]
    public string? Policy { get; init; }

    [CommandOption("-o|--out <DIR>")]
    [Description("Folder for runlog.csv, proportions.csv, summary.json and the checkpoint (default out/train/<run>).")]
    public string? Out { get; init; }

    [CommandOption("--seed <N>")]
    [Description("Seed, overriding the config's seed (model init, data split, batches, policy).")]
    public ulong? Seed { get; init; }

    [CommandOption("--resume")]
    [Description("Continue from OUT/checkpoint; the checkpoint must come from the same config, policy and seed.")]
    public bool Resume { get; init; }

    [CommandOption("--max-steps <N>")]
    [Description("Override training.steps (the run's step budget).")]
    public int? MaxSteps { get; init; }

    [CommandOption("--threads <N>")]
    [Description("Torch threads, overriding training.threads (default: all cores). Losses do not depend on it.")]
    public int? Threads { get; init; }

    [CommandOption("--json")]
    [Description("Print the summary as JSON on stdout instead of tables (progress still goes to stderr).")]
    public bool Json { get; init; }

    public override Spectre.Console.ValidationResult Validate()
    {
        if (Threads is < 1) return Spectre.Console.ValidationResult.Error("--threads must be at least 1");
        if (MaxSteps is < 1) return Spectre.Console.ValidationResult.Error("--max-steps must be at least 1");
        return base.Validate();
    }
}
