using MixLab.Cli;
using MixLab.RunLogs;

namespace MixLab.Training.Tests;

/// <summary>`mixlab train` on the shipped tiny example with a shortened budget, and its bad-input exit codes.</summary>
public class CliTrainTests
{
    [Fact]
    public async Task Tiny_example_with_aioli_writes_a_readable_runlog_and_proportions_summing_to_one()
    {
        var outDir = TrainingFixtures.TempDir("cli");
        var config = Path.Combine(TrainingFixtures.RepoRoot, "samples", "train", "tiny.yaml");
        int code = await Program.RunAsync(["train", config, "--policy", "aioli", "--max-steps", "30", "--threads", "1", "--out", outDir], CancellationToken.None);
        Assert.Equal(0, code);
        var table = RunLogReader.Read(Path.Combine(outDir, "runlog.csv"));
        Assert.True(table.RowCount >= 3);
        foreach (var domain in new[] { "code", "legal", "literature" }) Assert.True(table.Has("mix." + domain), $"mix.{domain} column");
        var lines = File.ReadAllLines(Path.Combine(outDir, "proportions.csv"));
        Assert.Equal("step,code,legal,literature", lines[0]);
        Assert.True(lines.Length >= 3, "a row at step 0 and at least one after the first Aioli round (24 LearnParams steps)");
        foreach (var line in lines.Skip(1))
            Assert.Equal(1.0, line.Split(',').Skip(1).Sum(x => double.Parse(x, System.Globalization.CultureInfo.InvariantCulture)), 9);
        Assert.True(File.Exists(Path.Combine(outDir, "summary.json")));
    }

    [Fact]
    public async Task Missing_config_exits_with_code_2()
    {
        int code = await Program.RunAsync(["train", "no/such/config.yaml"], CancellationToken.None);
        Assert.Equal(2, code);
    }

    [Fact]
    public async Task Unknown_policy_exits_with_code_2()
    {
        var config = Path.Combine(TrainingFixtures.RepoRoot, "samples", "train", "tiny.yaml");
        int code = await Program.RunAsync(["train", config, "--policy", "nope", "--out", TrainingFixtures.TempDir("cli-bad")], CancellationToken.None);
        Assert.Equal(2, code);
    }
}
