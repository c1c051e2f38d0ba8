using System.Globalization;
using System.Text;
using static MixLab.Cli.Tests.FileChecks;
using static MixLab.Cli.Tests.MixlabRunner;

namespace MixLab.Cli.Tests;

/// <summary>
/// Bad input to <c>mixlab cmr</c>: exit 2 with exactly one stderr line naming the file (and line and column where one
/// applies), or a result flagged in cmr.json; never a silent number. Variants of samples/runs/cpt-runs.csv (header on
/// line 1; cpt-r0.125 on lines 2–43, cpt-r0.250 on 44–85, …; two tokens-0 rows then general/finance pairs every 1B).
/// </summary>
public class CmrBadInputCliTests : IDisposable
{
    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    private static string[] SampleLines() => File.ReadAllLines(Path.Combine(RepoRoot, CmrCommandTests.CptRuns));

    private static string Cell(string line, int column) => line.Split(',')[column];

    private static string WithCell(string line, int column, string value)
    {
        var cells = line.Split(',');
        cells[column] = value;
        return string.Join(',', cells);
    }

    private string Write(string name, IEnumerable<string> lines) => _tmp.Write(name, string.Join('\n', lines) + "\n");

    private MixlabResult Cmr(string table, params string[] extra) =>
        Run(["cmr", table, "--general-domain", "general", "--target-domain", "finance", "--epsilon", "0.05", "--target-tokens", "20e9",
             "--bootstrap", "0", "--no-plots", "--out", _tmp["out"], .. extra]);

    [Fact]
    public void Only_two_ratios_exits_2_naming_the_ratio_column()
    {
        var path = Write("two.csv", SampleLines().Where((l, i) => i == 0 || l.StartsWith("cpt-r0.125,") || l.StartsWith("cpt-r0.250,")));
        var line = AssertBadInput(Cmr(path), "two.csv", "mix.finance", "3 or more");
        Assert.Contains("2 distinct ratio", line);
        Assert.False(File.Exists(_tmp["out/cmr.json"]));
    }

    [Fact]
    public void Runs_without_tokens0_rows_exit_2_and_the_base_loss_options_fix_it()
    {
        var path = Write("nobase.csv", SampleLines().Where((l, i) => i == 0 || Cell(l, 2) != "0"));
        var line = AssertBadInput(Cmr(path), "nobase.csv", "tokens", "--base-general-loss");
        AssertNamesLine(line, 2);

        var ok = Cmr(path, "--base-general-loss", "2.6", "--base-domain-loss", "2.2");
        Assert.True(ok.ExitCode == 0, ok.ToString());
        var reference = Run(["cmr", CmrCommandTests.CptRuns, "--target-domain", "finance", "--target-tokens", "20e9", "--bootstrap", "0", "--no-plots", "--json", "--out", _tmp["ref"]]);
        Assert.True(reference.ExitCode == 0, reference.ToString());
        Assert.Equal(ReadJson(_tmp["ref/cmr.json"]).GetProperty("cmr").GetDouble(), ReadJson(_tmp["out/cmr.json"]).GetProperty("cmr").GetDouble(), 12);
    }

    [Fact]
    public void A_run_whose_ratio_changes_exits_2_naming_line_and_column()
    {
        var lines = SampleLines();
        Assert.StartsWith("cpt-r0.250,", lines[49]);
        lines[49] = WithCell(lines[49], 6, "0.300000"); // file line 50
        var line = AssertBadInput(Cmr(Write("changes.csv", lines)), "changes.csv", "mix.finance", "cpt-r0.250");
        AssertNamesLine(line, 50);
    }

    [Fact]
    public void Missing_ratio_column_exits_2_naming_it()
    {
        var lines = SampleLines().Select(l => string.Join(',', l.Split(',').Where((_, c) => c != 6)));
        AssertBadInput(Cmr(Write("nomix.csv", lines)), "nomix.csv", "mix.finance");
    }

    [Fact]
    public void One_run_logged_in_billions_of_tokens_exits_2()
    {
        var lines = SampleLines();
        for (int i = 1; i < lines.Length; i++)
            if (lines[i].StartsWith("cpt-r0.500,"))
                lines[i] = WithCell(lines[i], 2, (double.Parse(Cell(lines[i], 2), CultureInfo.InvariantCulture) / 1e9).ToString(CultureInfo.InvariantCulture));
        int last = Array.FindLastIndex(lines, l => l.StartsWith("cpt-r0.500,") && Cell(l, 4) == "general") + 1;
        var line = AssertBadInput(Cmr(Write("units.csv", lines)), "units.csv", "tokens", "cpt-r0.500");
        Assert.Contains("unit", line);
        AssertNamesLine(line, last);
    }

    [Fact]
    public void Target_tokens_in_billions_exits_2()
    {
        var r = Run("cmr", CmrCommandTests.CptRuns, "--target-domain", "finance", "--target-tokens", "20", "--bootstrap", "0", "--no-plots", "--out", _tmp["out"]);
        AssertBadInput(r, "cpt-runs.csv", "--target-tokens", "20e9");
        Assert.False(File.Exists(_tmp["out/cmr.json"]));
    }

    [Fact]
    public void A_general_loss_that_never_rises_is_flagged_and_the_cmr_is_the_largest_ratio_tried()
    {
        // Noise-free runs at the sample's ratios: the general loss only falls, ΔL_gen = −(0.02 + 0.03 R)(1 − T^−0.3).
        var s = new StringBuilder("run,params,tokens,step,eval_domain,loss,mix.finance,mix.general\n");
        foreach (double ratio in new[] { 0.125, 0.25, 1 / 3.0, 0.5, 0.75 })
        {
            string name = "cpt-r" + ratio.ToString("0.000", CultureInfo.InvariantCulture);
            string mix = string.Create(CultureInfo.InvariantCulture, $"{ratio:0.000000},{1 - ratio:0.000000}");
            s.Append($"{name},460000000,0,0,general,2.60000,{mix}\n{name},460000000,0,0,finance,2.20000,{mix}\n");
            for (int t = 5; t <= 100; t += 5)
            {
                double general = 2.60 - (0.02 + 0.03 * ratio) * (1 - Math.Pow(t, -0.3));
                double domain = 2.20 + (0.15 + 0.40 * ratio) * (Math.Pow(t, -0.35) - 1);
                s.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{name},460000000,{t * 2e8:0},{t * 2e8 / (512 * 4096):0},general,{general:0.000000},{mix}\n{name},460000000,{t * 2e8:0},{t * 2e8 / (512 * 4096):0},finance,{domain:0.000000},{mix}\n"));
            }
        }
        var path = _tmp.Write("never.csv", s.ToString());
        var r = Cmr(path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var root = ReadJson(_tmp["out/cmr.json"]);
        Assert.Equal(0.75, root.GetProperty("cmr").GetDouble(), 6);
        var warnings = root.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.NotEmpty(warnings);
        Assert.Contains(warnings, w => w.Contains("no critical point"));
        Assert.Contains("no critical point", r.Stdout); // the person reading the console sees it too
    }
}
