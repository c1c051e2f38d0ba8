using MixLab.Planning.Cmr;
using MixLab.RunLogs;
using Xunit.Abstractions;

namespace MixLab.Tests.Planning.Cmr;

/// <summary>
/// Bad CMR input must give a <see cref="RunLogException"/> naming the file (and the line and column where one applies),
/// or a flagged result: never a silent number. Variants of the bundled sample (header on line 1; run cpt-r0.125 on
/// lines 2–43, cpt-r0.250 on 44–85, …, two rows at tokens 0 then general/finance pairs every 1B tokens).
/// </summary>
public sealed class CmrBadInputTests(ITestOutputHelper output)
{
    private static string[] SampleLines() => File.ReadAllLines(CmrTestData.SamplePath);

    private static string Cell(string line, int column) => line.Split(',')[column];

    private static string WithCell(string line, int column, string value)
    {
        var cells = line.Split(',');
        cells[column] = value;
        return string.Join(',', cells);
    }

    private RunLogException PlanFails(string path, CmrOptions? options = null)
    {
        var e = Assert.Throws<RunLogException>(() => CmrPlanner.Plan(RunLogReader.Read(path), options ?? CmrTestData.IssueOptions()));
        output.WriteLine(e.Message);
        Assert.Equal(path, e.File);
        Assert.StartsWith(path, e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void OnlyTwoRatios_IsAnError()
    {
        using var dir = new TempDir();
        var lines = SampleLines().Where((l, i) => i == 0 || l.StartsWith("cpt-r0.125,") || l.StartsWith("cpt-r0.250,"));
        var path = dir.Write("two.csv", string.Join('\n', lines) + "\n");
        var e = PlanFails(path);
        Assert.Equal("mix.finance", e.Column);
        Assert.Contains("column 'mix.finance'", e.Message);
        Assert.Contains("2 distinct ratio", e.Message);
        Assert.Contains("3 or more", e.Message);
    }

    [Fact]
    public void NoPreCptRows_IsAnError_AndTheBaseLossOptionsFixIt()
    {
        using var dir = new TempDir();
        var lines = SampleLines().Where((l, i) => i == 0 || Cell(l, 2) != "0").ToArray();
        var path = dir.Write("nobase.csv", string.Join('\n', lines) + "\n");
        var e = PlanFails(path);
        Assert.Equal(2, e.Line); // the first row of the first run
        Assert.Equal("tokens", e.Column);
        Assert.Contains($"{path}:2 column 'tokens'", e.Message);
        Assert.Contains("cpt-r0.125", e.Message);
        Assert.Contains("pre-CPT", e.Message);
        Assert.Contains("--base-general-loss", e.Message);

        // With the pre-CPT losses given, the answer is the one the tokens-0 rows give.
        var fixedResult = CmrPlanner.Plan(RunLogReader.Read(path), CmrTestData.IssueOptions() with { BaseGeneralLoss = 2.60, BaseDomainLoss = 2.20 });
        var reference = CmrPlanner.Plan(CmrTestData.Sample(), CmrTestData.IssueOptions());
        Assert.Equal(reference.Cmr, fixedResult.Cmr, 12);
        Assert.Equal(2.60, fixedResult.BaseGeneralLoss, 12);

        // Only one of the two is not enough.
        PlanFails(path, CmrTestData.IssueOptions() with { BaseGeneralLoss = 2.60 });
    }

    [Fact]
    public void OneRunWithoutItsOwnPreCptRows_UsesTheSharedPreCptLoss()
    {
        // All runs continue from the same pre-trained model, so the other runs' tokens-0 rows give its pre-CPT loss.
        using var dir = new TempDir();
        var lines = SampleLines().Where((l, i) => i == 0 || !(l.StartsWith("cpt-r0.500,") && Cell(l, 2) == "0"));
        var path = dir.Write("onebase.csv", string.Join('\n', lines) + "\n");
        var result = CmrPlanner.Plan(RunLogReader.Read(path), CmrTestData.IssueOptions());
        var reference = CmrPlanner.Plan(CmrTestData.Sample(), CmrTestData.IssueOptions());
        Assert.Equal(reference.Cmr, result.Cmr, 12);
    }

    [Fact]
    public void RatioChangingWithinARun_NamesTheLineAndColumn()
    {
        using var dir = new TempDir();
        var lines = SampleLines();
        Assert.StartsWith("cpt-r0.250,", lines[49]);
        lines[49] = WithCell(lines[49], 6, "0.300000"); // line 50
        var path = dir.Write("changes.csv", string.Join('\n', lines) + "\n");
        var e = PlanFails(path);
        Assert.Equal(50, e.Line);
        Assert.Equal("mix.finance", e.Column);
        Assert.Contains($"{path}:50 column 'mix.finance'", e.Message);
        Assert.Contains("cpt-r0.250", e.Message);
    }

    [Fact]
    public void MissingRatioColumn_NamesTheColumn()
    {
        using var dir = new TempDir();
        var lines = SampleLines().Select(l => string.Join(',', l.Split(',').Where((_, c) => c != 6)));
        var path = dir.Write("nomix.csv", string.Join('\n', lines) + "\n");
        var e = PlanFails(path);
        Assert.Equal("mix.finance", e.Column);
        Assert.Equal(1, e.Line);
        Assert.Contains("no such column", e.Message);
    }

    [Fact]
    public void OneRunLoggedInBillionsOfTokens_IsAnInconsistentUnitsError()
    {
        using var dir = new TempDir();
        var lines = SampleLines();
        for (int i = 1; i < lines.Length; i++)
            if (lines[i].StartsWith("cpt-r0.500,"))
                lines[i] = WithCell(lines[i], 2, (double.Parse(Cell(lines[i], 2), System.Globalization.CultureInfo.InvariantCulture) / 1e9).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var path = dir.Write("units.csv", string.Join('\n', lines) + "\n");
        int lastLine = Array.FindLastIndex(lines, l => l.StartsWith("cpt-r0.500,") && Cell(l, 4) == "general") + 1;
        Assert.Equal("20", Cell(lines[lastLine - 1], 2));
        var e = PlanFails(path);
        Assert.Equal("tokens", e.Column);
        Assert.Equal(lastLine, e.Line);
        Assert.Contains("inconsistent token units", e.Message);
        Assert.Contains("cpt-r0.500", e.Message);
    }

    [Fact]
    public void TargetTokensInBillions_IsAnError()
    {
        var e = PlanFails(CmrTestData.SamplePath, CmrTestData.IssueOptions() with { TargetTokens = 20 });
        Assert.Equal("tokens", e.Column);
        Assert.Contains("--target-tokens", e.Message);
        Assert.Contains("20e9", e.Message);
    }

    // The general loss only falls: ΔL_gen = −(0.02 + 0.03 R)(1 − T^−0.3); the domain loss as in the sample.
    private static CmrSyntheticLaw NeverRising => new()
    {
        DomainDelta = (r, t) => (0.15 + 0.40 * r) * (Math.Pow(t, -0.35) - 1),
        GeneralDelta = (r, t) => -(0.02 + 0.03 * r) * (1 - Math.Pow(t, -0.3)),
        Peak = r => 0,
    };

    private static readonly double[] SampleRatios = [0.125, 0.25, 1 / 3.0, 0.5, 0.75];

    private CmrResult PlanNeverRising(double noise, ulong seed)
    {
        using var dir = new TempDir();
        var path = dir.Write("never.csv", NeverRising.Csv(SampleRatios, CmrSyntheticLaw.Checkpoints(5, 5, 20), noise, seed));
        var result = CmrPlanner.Plan(RunLogReader.Read(path), CmrTestData.IssueOptions());
        output.WriteLine($"CMR {result.Cmr}; runs: {string.Join(", ", result.Runs.Select(r => $"{r.Ratio:F3} {r.T0Kind} {r.T0:G4}"))}");
        foreach (var w in result.Warnings) output.WriteLine("warning: " + w);
        return result;
    }

    [Theory]
    [InlineData(0.0, 1UL)]
    [InlineData(2e-4, 3UL)]
    [InlineData(2e-4, 7UL)]
    public void GeneralLossNeverRises_CmrIsTheLargestTriedRatio_Flagged(double noise, ulong seed)
    {
        var result = PlanNeverRising(noise, seed);
        Assert.Equal(0.75, result.Cmr);
        Assert.NotEmpty(result.Warnings);
        Assert.Contains(result.Warnings, w => w.Contains("censored") || w.Contains("no critical point"));
    }

    /// <summary>
    /// The issue: "no critical point: say so". With noise, the two-term fit of a falling curve can bend upward before
    /// the first checkpoint, and the planner (which searches T0 from 1e-3 × T_max) reports a critical point there.
    /// </summary>
    [Theory]
    [InlineData(0.0, 1UL)]
    [InlineData(2e-4, 3UL)]
    [InlineData(2e-4, 7UL)]
    [InlineData(2e-4, 1UL)]
    public void GeneralLossNeverRises_SaysThereIsNoCriticalPoint(double noise, ulong seed)
    {
        var result = PlanNeverRising(noise, seed);
        double firstCheckpoint = 5 * CmrLaw.PaperTokenUnit / result.Options.TokenUnit;
        foreach (var run in result.Runs)
            Assert.True(run.T0Kind == CriticalPointKind.NeverRising || run.T0 >= firstCheckpoint,
                $"run R = {run.Ratio:F3}: critical point T0 = {run.T0 * result.Options.TokenUnit:G3} tokens, before the first checkpoint (1e9 tokens), where there is no data");
        Assert.Contains(result.Warnings, w => w.Contains("no critical point"));
    }
}
