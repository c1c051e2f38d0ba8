using System.ComponentModel;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>Options every verb shares, with the same names everywhere.</summary>
public class CommonSettings : CommandSettings
{
    /// <summary>Output folder.</summary>
    [CommandOption("-o|--out <DIR>")]
    [Description("Folder for the outputs (created if missing).")]
    public string? Out { get; init; }

    /// <summary>Machine-readable output on stdout.</summary>
    [CommandOption("--json")]
    [Description("Print the result as JSON on stdout instead of tables (progress still goes to stderr).")]
    public bool Json { get; init; }

    /// <summary>Seed of every random choice.</summary>
    [CommandOption("--seed <N>")]
    [Description("Seed of every random choice (default 42). The same seed gives the same result on any number of cores.")]
    [DefaultValue(42UL)]
    public ulong Seed { get; init; } = 42;

    /// <summary>Degree of parallelism.</summary>
    [CommandOption("--threads <N>")]
    [Description("Worker threads (default: all cores). Results do not depend on it.")]
    public int? Threads { get; init; }

    /// <summary>Checks the shared options.</summary>
    public override Spectre.Console.ValidationResult Validate()
    {
        if (Threads is < 1) return Spectre.Console.ValidationResult.Error("--threads must be at least 1");
        return base.Validate();
    }
}
