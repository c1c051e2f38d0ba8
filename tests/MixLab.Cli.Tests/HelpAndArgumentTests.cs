using static MixLab.Cli.Tests.MixlabRunner;

namespace MixLab.Cli.Tests;

/// <summary>Help, version, and the exit codes of argument mistakes (0 success, 1 failure, 2 bad arguments).</summary>
public class HelpAndArgumentTests
{
    [Fact]
    public void Help_lists_the_fit_verb_and_exits_0()
    {
        var r = Run("--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Contains("USAGE", r.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("fit", r.Stdout);
        Assert.Contains("--version", r.Stdout);
        Assert.DoesNotContain("   at ", r.Stdout + r.Stderr);
    }

    [Fact]
    public void Fit_help_shows_options_and_an_example_and_exits_0()
    {
        var r = Run("fit", "--help");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Empty(r.StderrLines);
        Assert.Contains("EXAMPLES", r.Stdout, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("mixlab fit samples/runs/chinchilla-runs.csv", r.Stdout);
        foreach (var option in new[] { "--law", "--estimator", "--map", "--drop-highest-loss", "--bootstrap", "--holdout", "--seed", "--threads", "--out", "--json", "--optimize", "--bounds", "--exponent-bounds" })
            Assert.Contains(option, r.Stdout);
    }

    [Fact]
    public void Version_prints_a_version_number_and_exits_0()
    {
        var r = Run("--version");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", r.Stdout.Trim());
    }

    [Fact]
    public void Unknown_verb_exits_2()
    {
        var r = Run("fitt", ChinchillaRuns, "--law", "chinchilla");
        AssertBadInput(r, "fitt");
    }

    [Fact]
    public void Unknown_option_exits_2()
    {
        using var tmp = new TempDir();
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--bootstrapp", "10", "--out", tmp.Path);
        AssertBadInput(r, "bootstrapp");
        Assert.False(File.Exists(tmp["fit.json"]), "a run with an unknown option must not fit anything");
    }

    [Fact]
    public void Missing_law_exits_2_with_one_line_naming_the_option()
    {
        var r = Run("fit", ChinchillaRuns);
        var line = AssertBadInput(r, "--law");
        Assert.Contains("chinchilla", line); // says what to write
    }

    [Fact]
    public void Unknown_law_exits_2()
    {
        AssertBadInput(Run("fit", ChinchillaRuns, "--law", "chinchila"), "chinchila");
    }

    [Fact]
    public void Missing_table_argument_exits_2()
    {
        AssertBadInput(Run("fit", "--law", "chinchilla"));
    }

    [Fact]
    public void Bad_estimator_exits_2()
    {
        AssertBadInput(Run("fit", ChinchillaRuns, "--law", "chinchilla", "--estimator", "ols"), "--estimator", "ols");
    }

    [Theory]
    [InlineData("largest:0")]
    [InlineData("largest:x")]
    [InlineData("fraction:0")]
    [InlineData("fraction:1.5")]
    [InlineData("biggest:1")]
    [InlineData("largest")]
    public void Bad_holdout_spec_exits_2(string spec)
    {
        AssertBadInput(Run("fit", ChinchillaRuns, "--law", "chinchilla", "--holdout", spec), "--holdout", spec);
    }

    [Fact]
    public void Optimize_with_a_law_other_than_mixing_exits_2()
    {
        using var tmp = new TempDir();
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--optimize", "--bootstrap", "0", "--out", tmp.Path);
        AssertBadInput(r, "--optimize", "mixing");
        Assert.False(File.Exists(tmp["fit.json"]));
    }

    [Theory]
    [InlineData("--threads", "0")]
    [InlineData("--bootstrap", "-1")]
    [InlineData("--bootstrap", "many")]
    [InlineData("--ci", "1.5")]
    [InlineData("--drop-highest-loss", "-2")]
    [InlineData("--map", "params")]
    public void Bad_option_values_exit_2(string option, string value)
    {
        AssertBadInput(Run("fit", ChinchillaRuns, "--law", "chinchilla", option, value));
    }

    [Fact]
    public void Map_to_a_column_that_does_not_exist_exits_2_naming_file_and_column()
    {
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--map", "params=Model Size");
        AssertBadInput(r, "chinchilla-runs.csv", "Model Size");
    }

    [Fact]
    public void Mapping_one_canonical_column_twice_is_not_an_internal_error()
    {
        // Either rejected as a bad argument (exit 2) or accepted; never a crash reported as an internal error (exit 1).
        using var tmp = new TempDir();
        var r = Run("fit", ChinchillaRuns, "--law", "chinchilla", "--map", "params=params", "--map", "params=tokens",
            "--bootstrap", "0", "--start-stride", "45", "--no-plots", "--out", tmp.Path);
        Assert.True(r.ExitCode != 1, $"a repeated --map key is a user mistake, not an internal error\n{r}");
        if (r.ExitCode == 2) AssertBadInput(r, "--map");
    }
}
