using static MixLab.Cli.Tests.MixlabRunner;

namespace MixLab.Cli.Tests;

/// <summary>
/// Bad tables: each run exits 2 with exactly one line on stderr, no stack trace, naming the file and, where the
/// problem is in one cell, its line and column. The tables are written into a temporary folder by the test.
/// </summary>
public class BadInputTests : IDisposable
{
    private const string Header = "run,params,tokens,step,eval_domain,loss";

    // Eight rows of the bundled sample: enough rows for the five Chinchilla parameters. File lines 2..9.
    private static readonly string[] Rows =
    [
        "n44M-d2x,44000000,88000000,84,web,5.43978",
        "n44M-d5x,44000000,220000000,210,web,4.79099",
        "n44M-d10x,44000000,440000000,420,web,4.29970",
        "n44M-d20x,44000000,880000000,839,web,3.95343",
        "n90M-d2x,90000000,180000000,172,web,4.73211",
        "n90M-d5x,90000000,450000000,429,web,4.17112",
        "n90M-d10x,90000000,900000000,858,web,3.80710",
        "n90M-d20x,90000000,1800000000,1717,web,3.53244",
    ];

    private readonly TempDir _tmp = new();

    public void Dispose() => _tmp.Dispose();

    /// <summary>Writes a table whose file line <paramref name="line"/> (1 = header) has column <paramref name="column"/> set to <paramref name="value"/>.</summary>
    private string TableWithCell(string name, int line, string column, string value)
    {
        var header = Header.Split(',');
        int c = Array.IndexOf(header, column);
        var lines = new List<string> { Header };
        foreach (var row in Rows) lines.Add(row);
        var cells = lines[line - 1].Split(',');
        cells[c] = value;
        lines[line - 1] = string.Join(',', cells);
        return _tmp.Write(name, string.Join('\n', lines) + "\n");
    }

    private static MixlabResult Fit(string table, params string[] more) =>
        Run(["fit", table, "--law", "chinchilla", "--bootstrap", "10", "--start-stride", "45", "--no-plots", .. more]);

    [Fact]
    public void The_sample_rows_used_here_fit_when_nothing_is_wrong()
    {
        // Guards the other tests: their tables differ from this one in one place only.
        var table = _tmp.Write("good.csv", Header + "\n" + string.Join('\n', Rows) + "\n");
        var r = Fit(table, "--out", _tmp["out"]);
        Assert.True(r.ExitCode is 0 or 1, r.ToString()); // 1 would only mean "did not converge" on 8 rows
        Assert.True(File.Exists(_tmp["out/fit.json"]), r.ToString());
    }

    [Fact]
    public void Misspelled_loss_column_names_loss_and_suggests_the_near_name()
    {
        var table = _tmp.Write("los.csv", Header.Replace(",loss", ",los") + "\n" + string.Join('\n', Rows) + "\n");
        AssertBadInput(Fit(table), "los.csv", "'loss'", "'los'");
    }

    [Fact]
    public void Misspelled_params_column_suggests_the_near_name()
    {
        var table = _tmp.Write("parms.csv", Header.Replace(",params,", ",parms,") + "\n" + string.Join('\n', Rows) + "\n");
        AssertBadInput(Fit(table), "parms.csv", "'params'", "'parms'");
    }

    [Fact]
    public void Law_needing_a_column_the_table_lacks_names_the_column()
    {
        var header = "run,tokens,step,eval_domain,loss";
        var rows = Rows.Select(r => { var c = r.Split(','); return string.Join(',', c.Where((_, i) => i != 1)); });
        var table = _tmp.Write("noparams.csv", header + "\n" + string.Join('\n', rows) + "\n");
        AssertBadInput(Fit(table), "noparams.csv", "params");
    }

    [Theory]
    [InlineData(4, "params", "abc")]
    [InlineData(6, "tokens", "1.8e8x")]
    [InlineData(3, "loss", "n/a")]
    public void Non_numeric_cell_names_file_line_and_column(int line, string column, string value)
    {
        var table = TableWithCell($"nonnumeric-{column}.csv", line, column, value);
        var message = AssertBadInput(Fit(table), $"nonnumeric-{column}.csv", column);
        AssertNamesLine(message, line);
    }

    [Theory]
    [InlineData("nan", "NaN")]
    [InlineData("inf", "inf")]
    [InlineData("infinity", "Infinity")]
    [InlineData("overflow", "1e999")]
    [InlineData("empty", "")]
    [InlineData("zero", "0")]
    [InlineData("negative", "-1.5")]
    public void Bad_loss_value_names_file_line_and_column(string name, string value)
    {
        var table = TableWithCell($"loss-{name}.csv", 5, "loss", value);
        var message = AssertBadInput(Fit(table), $"loss-{name}.csv", "loss");
        AssertNamesLine(message, 5);
    }

    [Theory]
    [InlineData("zero", "0")]
    [InlineData("negative", "-44000000")]
    public void Non_positive_params_names_file_line_and_column(string name, string value)
    {
        var table = TableWithCell($"params-{name}.csv", 7, "params", value);
        var message = AssertBadInput(Fit(table), $"params-{name}.csv", "params");
        AssertNamesLine(message, 7);
    }

    [Fact]
    public void Fewer_rows_than_parameters_exits_2()
    {
        var table = _tmp.Write("three.csv", Header + "\n" + string.Join('\n', Rows.Take(3)) + "\n");
        var message = AssertBadInput(Fit(table), "three.csv");
        Assert.Contains("rows", message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Row_with_the_wrong_number_of_fields_names_its_line()
    {
        var lines = new List<string> { Header };
        lines.AddRange(Rows);
        lines[3] = "n44M-d10x,44000000,440000000,420,4.29970"; // a field missing on line 4
        var table = _tmp.Write("ragged.csv", string.Join('\n', lines) + "\n");
        var message = AssertBadInput(Fit(table), "ragged.csv");
        AssertNamesLine(message, 4);
    }

    [Fact]
    public void File_not_found_names_the_file()
    {
        var missing = _tmp["does-not-exist.csv"];
        AssertBadInput(Fit(missing), "does-not-exist.csv");
    }

    [Fact]
    public void Map_pointing_at_a_missing_column_names_the_file_and_the_column()
    {
        var table = _tmp.Write("good.csv", Header + "\n" + string.Join('\n', Rows) + "\n");
        AssertBadInput(Fit(table, "--map", "params=Model Size"), "good.csv", "Model Size");
    }

    [Fact]
    public void Zero_loss_in_a_later_eval_domain_is_rejected_before_any_fitting()
    {
        // Two groups (eval_domain web, then code); the bad cell is in the second group, on line 13.
        var lines = new List<string> { Header };
        lines.AddRange(Rows);
        lines.AddRange(Rows.Select(r => r.Replace(",web,", ",code,")));
        var cells = lines[12].Split(',');
        cells[^1] = "0";
        lines[12] = string.Join(',', cells);
        var table = _tmp.Write("two-groups.csv", string.Join('\n', lines) + "\n");
        var message = AssertBadInput(Fit(table, "--out", _tmp["out"]), "two-groups.csv", "loss");
        AssertNamesLine(message, 13);
        Assert.False(File.Exists(_tmp["out/fit.json"]));
    }

    [Fact]
    public void Bad_proportion_in_a_mixing_table_names_line_and_column()
    {
        var text = File.ReadAllLines(Path.Combine(RepoRoot, MixingRuns)).Take(13).ToList();
        var cells = text[9].Split(',');
        cells[^2] = "1.7"; // mix.code on line 10
        text[9] = string.Join(',', cells);
        var table = _tmp.Write("mix-bad.csv", string.Join('\n', text) + "\n");
        var message = AssertBadInput(Run("fit", table, "--law", "mixing", "--bootstrap", "0", "--no-plots", "--out", _tmp["out"]),
            "mix-bad.csv", "mix.code");
        AssertNamesLine(message, 10);
    }
}
