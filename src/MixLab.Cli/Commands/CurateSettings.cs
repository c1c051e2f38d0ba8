using System.ComponentModel;
using MixLab.Curation.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>Arguments of <c>mixlab curate</c>.</summary>
public sealed class CurateSettings : CommandSettings
{
    [CommandArgument(0, "<INPUT>")]
    [Description("Input files or folders: .jsonl, .jsonl.gz, .jsonl.zst, .parquet, or a folder of text files with a license.json sidecar.")]
    public string[] Inputs { get; init; } = [];

    [CommandOption("-o|--out <DIR>")]
    [Description("Output folder: output/, excluded/<step>/, rejects/, stats.json, manifest.json (required).")]
    public string? Out { get; init; }

    [CommandOption("--preset <NAME>")]
    [Description("Built-in pipeline: mixturevitae (licence-first; keeps public-domain, permissive, government) or fineweb. Default mixturevitae unless --config is given.")]
    public string? Preset { get; init; }

    [CommandOption("--config <FILE>")]
    [Description("Pipeline configuration in YAML or JSON (see docs/curate.md); may start from a preset and override its steps.")]
    public string? Config { get; init; }

    [CommandOption("--format <FORMAT>")]
    [Description("Output format: jsonl.zst (default) or parquet (or jsonl).")]
    public string? Format { get; init; }

    [CommandOption("--tasks <N>")]
    [Description("Split the inputs into N tasks like datatrove: task i takes inputs i, i+N, ... (default 1).")]
    [DefaultValue(1)]
    public int Tasks { get; init; } = 1;

    [CommandOption("--rank <I>")]
    [Description("Run only task I of --tasks (for Slurm arrays and several machines). Without it all tasks run here.")]
    public int? Rank { get; init; }

    [CommandOption("--workers <K>")]
    [Description("Run the tasks as K local processes at a time (default 1).")]
    [DefaultValue(1)]
    public int Workers { get; init; } = 1;

    [CommandOption("--no-exclusions")]
    [Description("Do not write what each step dropped under excluded/<step>/ (counts stay in stats.json).")]
    public bool NoExclusions { get; init; }

    [CommandOption("--max-document-mb <MB>")]
    [Description("Reject records longer than this many MB (read in bounded memory, written to the rejects file). Default 64.")]
    [DefaultValue(64.0)]
    public double MaxDocumentMb { get; init; } = 64;

    [CommandOption("--overwrite")]
    [Description("Replace an earlier run in --out that used another configuration (otherwise refused; a run with the same configuration resumes).")]
    public bool Overwrite { get; init; }

    [CommandOption("--read-only")]
    [Description("Only read, decompress and parse the inputs and count them (the speed floor for benchmarks); writes nothing.")]
    public bool ReadOnly { get; init; }

    [CommandOption("--json")]
    [Description("Print stats.json on stdout instead of tables.")]
    public bool Json { get; init; }

    [CommandOption("--stage <STAGE>", IsHidden = true)]
    public string? Stage { get; init; }

    public override ValidationResult Validate()
    {
        if (Inputs.Length == 0) return ValidationResult.Error("give at least one INPUT");
        if (Out is null && !ReadOnly) return ValidationResult.Error("--out DIR is required");
        if (Preset is not null && Config is not null) return ValidationResult.Error("give --preset or --config, not both (a config file can name its preset)");
        if (Preset is not null && CurationPresets.Get(Preset) is null) return ValidationResult.Error($"--preset: unknown preset '{Preset}' (known: {string.Join(", ", CurationPresets.Names)})");
        if (Format is not null && !PipelineConfig.TryParseFormat(Format, out _)) return ValidationResult.Error($"--format: '{Format}' is not jsonl.zst, parquet or jsonl");
        if (Tasks < 1) return ValidationResult.Error("--tasks must be at least 1");
        if (Rank is int r && (r < 0 || r >= Tasks)) return ValidationResult.Error($"--rank must be between 0 and {Tasks - 1} for --tasks {Tasks}");
        if (Workers < 1) return ValidationResult.Error("--workers must be at least 1");
        if (Rank is not null && Workers > 1) return ValidationResult.Error("--workers runs several ranks; it cannot be combined with --rank");
        if (!(MaxDocumentMb > 0)) return ValidationResult.Error("--max-document-mb must be positive");
        if (Stage is not null and not ("one" or "two")) return ValidationResult.Error("--stage must be one or two");
        return ValidationResult.Success();
    }
}
