using System.Globalization;
using System.Text.Json;
using static MixLab.Cli.Tests.FileChecks;
using static MixLab.Cli.Tests.MixlabRunner;

namespace MixLab.Cli.Tests;

/// <summary>
/// <c>mixlab multiplicity</c> end to end, as in the issue:
/// <c>mixlab multiplicity DATA.csv --target y --epsilon 0.01 --lambda 0 --out DIR</c> writes DIR/ranges.csv (one row per input
/// row, in input order) and DIR/summary.json. Reference values from docs (specs) multiplicity.md §7, checks 3 and 4.
/// </summary>
public class MultiplicityCommandTests
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The shared reference data beside the repository (../shared/data).</summary>
    private static string SharedData(string file) => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "data", file));

    /// <summary>Check 3's eight points: x1, x2, y.</summary>
    private const string EightPoints = "x1,x2,y\n0,0,0\n1,0.5,0\n2,1,1\n0.5,2,0\n1.5,1.5,1\n2.5,0,1\n0,1,1\n3,2,1\n";

    /// <summary>Check 3 at ε = 0.05, λ = 0: y, h0(x_i), VPR from methods B and A (five decimals).</summary>
    private static readonly (int Y, double H0, double Lo, double Hi)[] Check3 =
    [
        (0, 0.16553, 0.02531, 0.48934),
        (0, 0.54884, 0.29803, 0.78067),
        (1, 0.88180, 0.69319, 0.97637),
        (0, 0.48047, 0.16362, 0.80791),
        (1, 0.79802, 0.57288, 0.93859),
        (1, 0.92162, 0.64395, 0.99368),
        (1, 0.22164, 0.06520, 0.47955),
        (1, 0.98208, 0.85219, 0.99919),
    ];

    private const string MeanFeatures =
        "mean_radius,mean_texture,mean_perimeter,mean_area,mean_smoothness,mean_compactness,mean_concavity,mean_concave_points,mean_symmetry,mean_fractal_dimension";

    private static readonly string[] PlotsWithoutGroup = ["width-histogram.png", "range-vs-prediction.png", "ambiguity-vs-epsilon.png"];

    private static double D(string s) => double.Parse(s, NumberStyles.Float, Inv);

    private static MixlabResult Ok(params string[] args)
    {
        var r = Run(args);
        Assert.True(r.ExitCode == 0, r.ToString());
        return r;
    }

    /// <summary>Checks every row of ranges.csv: min ≤ prediction ≤ max within [0, 1] and width = max − min; returns the rows.</summary>
    private static List<Dictionary<string, string>> AssertRanges(string path, int rows)
    {
        var table = ReadSimpleCsv(path);
        Assert.Equal(rows, table.Count);
        for (int i = 0; i < table.Count; i++)
        {
            var row = table[i];
            Assert.Equal((i + 1).ToString(Inv), row["row"]); // input order
            double p = D(row["prediction"]), lo = D(row["min"]), hi = D(row["max"]), w = D(row["width"]);
            Assert.True(0 <= lo && lo <= p + 1e-12 && p <= hi + 1e-12 && hi <= 1, $"row {i + 1}: prediction {p} outside [{lo}, {hi}]");
            Assert.Equal(hi - lo, w, 1e-12);
        }
        return table;
    }

    private static JsonElement Epsilon(JsonElement summary, int k) => summary.GetProperty("epsilons")[k];

    // ---------------------------------------------------------------- the issue's example and the reference checks

    [Fact]
    public void Issue_example_on_the_eight_points_matches_check_3()
    {
        using var tmp = new TempDir();
        var data = tmp.Write("eight.csv", EightPoints);
        var r = Ok("multiplicity", data, "--target", "y", "--epsilon", "0.05", "--lambda", "0", "--out", tmp["out"]);

        var table = AssertRanges(tmp["out/ranges.csv"], 8);
        Assert.Equal(["row", "id", "group", "label", "prediction", "min", "max", "width", "at_limit"], table[0].Keys.ToArray());
        for (int i = 0; i < 8; i++)
        {
            var (y, h0, lo, hi) = Check3[i];
            var row = table[i];
            Assert.Equal(y.ToString(Inv), row["label"]);
            Assert.Equal((i + 1).ToString(Inv), row["id"]); // default id: the 1-based data row
            Assert.True(Math.Abs(D(row["prediction"]) - h0) <= 1e-5, $"row {i + 1}: prediction {row["prediction"]}, expected {h0}");
            Assert.True(Math.Abs(D(row["min"]) - lo) <= 1e-5, $"row {i + 1}: min {row["min"]}, expected {lo}");
            Assert.True(Math.Abs(D(row["max"]) - hi) <= 1e-5, $"row {i + 1}: max {row["max"]}, expected {hi}");
            Assert.True(Math.Abs(D(row["width"]) - (hi - lo)) <= 2e-5, $"row {i + 1}: width {row["width"]}, expected {hi - lo}");
            Assert.Equal("false", row["at_limit"]);
        }

        var summary = ReadJson(tmp["out/summary.json"]);
        Assert.Equal(8, summary.GetProperty("rows").GetInt32());
        Assert.True(summary.GetProperty("ranges_seconds").GetDouble() >= 0);
        var model = summary.GetProperty("model");
        Assert.Equal(0.44869089, model.GetProperty("loss").GetDouble(), 1e-8);
        Assert.True(model.GetProperty("converged").GetBoolean());
        var w = model.GetProperty("weights");
        Assert.Equal(-1.617658, w.GetProperty("(intercept)").GetDouble(), 1e-6);
        Assert.Equal(1.632869, w.GetProperty("x1").GetDouble(), 1e-6);
        Assert.Equal(0.361533, w.GetProperty("x2").GetDouble(), 1e-6);
        Assert.Equal(0, summary.GetProperty("lambda").GetDouble());
        Assert.Equal("1", summary.GetProperty("positive_value").GetString());
        Assert.Equal(1, summary.GetProperty("epsilons").GetArrayLength());
        var e = Epsilon(summary, 0);
        Assert.Equal(0.05, e.GetProperty("epsilon").GetDouble());
        Assert.Equal(0.05, e.GetProperty("epsilon_absolute").GetDouble());
        Assert.Equal(Check3.Average(c => c.Hi - c.Lo), e.GetProperty("mean_width").GetDouble(), 2e-5);
        // Every row's range reaches at least 0.1 from h0 (smallest: row 8, 0.13), so ambiguity at δ = 0.1 is 1.
        Assert.Equal(1, e.GetProperty("ambiguity").GetDouble());
        // Thresholded ambiguity counts min < 0.5 <= max: rows 2 and 4 (row 7 stops at 0.4796), so 2/8.
        Assert.Equal(2 / 8.0, Check3.Count(c => c.Lo < 0.5 && 0.5 <= c.Hi) / 8.0);
        Assert.Equal(2 / 8.0, e.GetProperty("threshold_ambiguity").GetDouble());
        double dlb = e.GetProperty("discrepancy_lower_bound").GetDouble();
        Assert.InRange(dlb, 0, e.GetProperty("ambiguity").GetDouble()); // 0 ≤ discrepancy ≤ ambiguity
        Assert.Equal(JsonValueKind.Object, e.GetProperty("groups").ValueKind);
        Assert.Empty(e.GetProperty("groups").EnumerateObject());
        Assert.Equal(0, summary.GetProperty("analysis").GetProperty("rows_reaching_a_limit").GetInt32());
        Assert.False(summary.GetProperty("analysis").TryGetProperty("majority_minority", out _), "no group, no majority-minority section");

        // Plots: three without a group, no group plot.
        foreach (var png in PlotsWithoutGroup) AssertPng(tmp[Path.Combine("out", png)]);
        Assert.False(File.Exists(tmp["out/width-by-group.png"]), "width-by-group.png written without --group");
        Assert.Contains("0.44869089", r.Stdout);
    }

    [Fact]
    public void Breast_cancer_mean_features_standardised_match_check_4()
    {
        using var tmp = new TempDir();
        Ok("multiplicity", SharedData("breast_cancer_wisconsin.csv"), "--target", "benign", "--standardize", "--features", MeanFeatures,
            "--epsilon", "0.001,0.01", "--lambda", "0", "--no-plots", "--out", tmp.Path);

        var table = AssertRanges(tmp["ranges.csv"], 569);
        Assert.Contains("width@0.01", table[0].Keys);
        Assert.Equal(212, table.Count(r => r["label"] == "0")); // 0 = malignant
        foreach (var row in table)
        {
            double lo1 = D(row["min"]), hi1 = D(row["max"]), lo2 = D(row["min@0.01"]), hi2 = D(row["max@0.01"]);
            Assert.True(lo2 <= lo1 + 1e-9 && hi1 <= hi2 + 1e-9, $"row {row["row"]}: ranges not nested in epsilon");
        }

        var summary = ReadJson(tmp["summary.json"]);
        Assert.Equal(0.12840986, summary.GetProperty("model").GetProperty("loss").GetDouble(), 1e-8);
        Assert.Equal(0.9490, summary.GetProperty("model").GetProperty("accuracy").GetDouble(), 1e-4);
        Assert.True(summary.GetProperty("standardized").GetBoolean());
        Assert.Equal(11, summary.GetProperty("features").GetArrayLength()); // intercept + 10
        (double Width, double Ambiguity, double Max)[] expected = [(0.05438, 0.1301, 0.70141), (0.17798, 0.3585, 0.99780)];
        for (int k = 0; k < 2; k++)
        {
            var e = Epsilon(summary, k);
            Assert.True(Math.Abs(e.GetProperty("mean_width").GetDouble() - expected[k].Width) <= 5e-5, $"mean_width {e.GetProperty("mean_width")}, expected {expected[k].Width}");
            Assert.True(Math.Abs(e.GetProperty("ambiguity").GetDouble() - expected[k].Ambiguity) <= 2.0 / 569, $"ambiguity {e.GetProperty("ambiguity")}, expected {expected[k].Ambiguity}");
            Assert.True(Math.Abs(e.GetProperty("max_width").GetDouble() - expected[k].Max) <= 5e-5, $"max_width {e.GetProperty("max_width")}, expected {expected[k].Max}");
            Assert.InRange(e.GetProperty("discrepancy_lower_bound").GetDouble(), 0, e.GetProperty("ambiguity").GetDouble());
        }
        var analysis = summary.GetProperty("analysis");
        Assert.Equal(0.01, analysis.GetProperty("at_epsilon").GetDouble());
        var widest = analysis.GetProperty("widest_rows").EnumerateArray().Select(x => x.GetProperty("width").GetDouble()).ToArray();
        Assert.Equal(10, widest.Length);
        Assert.Equal(widest.OrderByDescending(x => x), widest);
        Assert.True(Math.Abs(widest[0] - 0.99780) <= 5e-5, $"widest row {widest[0]}");
    }

    [Fact]
    public void Pima_with_a_group_column_reports_per_group_measures_and_majority_minority()
    {
        using var tmp = new TempDir();
        // A derived copy with an id and a binary group: old = age >= 40.
        var lines = File.ReadAllLines(SharedData("pima_indians_diabetes.csv")).Where(l => l.Length > 0).ToArray();
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToList();
        int age = header.IndexOf("age");
        var derived = new List<string> { "pid," + lines[0] + ",old" };
        for (int i = 1; i < lines.Length; i++)
            derived.Add($"p{i}," + lines[i] + "," + (D(lines[i].Split(',')[age]) >= 40 ? "yes" : "no"));
        var data = tmp.Write("pima-old.csv", string.Join('\n', derived) + "\n");
        int old = derived.Skip(1).Count(l => l.EndsWith(",yes", StringComparison.Ordinal));
        Assert.Equal(207, old);

        var r = Ok("multiplicity", data, "--target", "diabetes", "--positive", "pos", "--lambda", "0.01", "--standardize",
            "--id", "pid", "--group", "old", "--epsilon", "0.01", "--out", tmp["out"]);

        var table = AssertRanges(tmp["out/ranges.csv"], 768);
        for (int i = 0; i < 768; i++)
        {
            Assert.Equal($"p{i + 1}", table[i]["id"]);
            Assert.Equal(derived[i + 1].EndsWith(",yes", StringComparison.Ordinal) ? "yes" : "no", table[i]["group"]);
        }

        var summary = ReadJson(tmp["out/summary.json"]);
        Assert.Equal("pos", summary.GetProperty("positive_value").GetString());
        var features = summary.GetProperty("features").EnumerateArray().Select(f => f.GetString()).ToArray();
        Assert.Equal(9, features.Length); // intercept + 8: the id and the group are not features
        Assert.DoesNotContain("pid", features);
        Assert.DoesNotContain("old", features);
        Assert.Equal(0.01, summary.GetProperty("lambda").GetDouble());

        var groups = Epsilon(summary, 0).GetProperty("groups");
        Assert.Equal(561, groups.GetProperty("no").GetProperty("rows").GetInt32());
        Assert.Equal(207, groups.GetProperty("yes").GetProperty("rows").GetInt32());
        double widthYes = table.Where(x => x["group"] == "yes").Average(x => D(x["width"]));
        double widthNo = table.Where(x => x["group"] == "no").Average(x => D(x["width"]));
        Assert.Equal(widthYes, groups.GetProperty("yes").GetProperty("mean_width").GetDouble(), 1e-9);
        Assert.Equal(widthNo, groups.GetProperty("no").GetProperty("mean_width").GetDouble(), 1e-9);

        var mm = summary.GetProperty("analysis").GetProperty("majority_minority");
        Assert.Equal("yes", mm.GetProperty("minority").GetString());
        Assert.Equal(207, mm.GetProperty("minority_rows").GetInt32());
        Assert.Equal("no", mm.GetProperty("majority").GetString());
        Assert.Equal(561, mm.GetProperty("majority_rows").GetInt32());
        Assert.Equal(widthYes / widthNo, mm.GetProperty("width_ratio").GetDouble(), 1e-9);

        foreach (var png in PlotsWithoutGroup.Append("width-by-group.png")) AssertPng(tmp[Path.Combine("out", png)]);
        Assert.Contains("by group", r.Stdout);
    }

    [Fact]
    public void German_credit_with_lambda_and_ForeignWorker_group_runs()
    {
        // The full file has two all-zero one-hot columns (Purpose.Vacation, Personal.Female.Single), which the reader rejects
        // as constant; they are left out with --features. The first 300 rows keep the test fast (the full file takes 15-50 s).
        using var tmp = new TempDir();
        var lines = File.ReadAllLines(SharedData("german_credit.csv")).Where(l => l.Length > 0).ToArray();
        var data = tmp.Write("german-300.csv", string.Join('\n', lines.Take(301)) + "\n");
        var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
        var features = header.Where(h => h is not ("Class" or "ForeignWorker" or "Purpose.Vacation" or "Personal.Female.Single")).ToArray();

        var r = Ok("multiplicity", data, "--target", "Class", "--positive", "Good", "--lambda", "0.01", "--group", "ForeignWorker",
            "--features", string.Join(',', features), "--epsilon", "0.01", "--out", tmp["out"]);

        AssertRanges(tmp["out/ranges.csv"], 300);
        var summary = ReadJson(tmp["out/summary.json"]);
        Assert.Equal("Good", summary.GetProperty("positive_value").GetString());
        Assert.Equal(features.Length + 1, summary.GetProperty("features").GetArrayLength());
        Assert.True(summary.GetProperty("model").GetProperty("converged").GetBoolean());
        var groups = Epsilon(summary, 0).GetProperty("groups");
        Assert.Equal(300, groups.EnumerateObject().Sum(g => g.Value.GetProperty("rows").GetInt32()));
        var mm = summary.GetProperty("analysis").GetProperty("majority_minority");
        Assert.Equal("0", mm.GetProperty("minority").GetString()); // few foreign-worker = 0 applicants
        Assert.Equal("1", mm.GetProperty("majority").GetString());
        AssertPng(tmp["out/width-by-group.png"]);
        Assert.Contains("by group", r.Stdout);
    }

    [Fact]
    public void German_credit_full_file_names_its_constant_one_hot_column()
    {
        // What a user gets with the plain command on the shipped file (constant columns are errors, per the issue).
        using var tmp = new TempDir();
        var r = Run("multiplicity", SharedData("german_credit.csv"), "--target", "Class", "--positive", "Good", "--lambda", "0.01",
            "--group", "ForeignWorker", "--out", tmp.Path);
        var line = AssertBadInput(r, "german_credit.csv", "Purpose.Vacation", "constant", "--features");
        Assert.False(File.Exists(tmp["ranges.csv"]), line);
    }

    [Fact]
    public void Relative_epsilon_gives_the_ranges_of_the_absolute_epsilon_times_L0()
    {
        using var tmp = new TempDir();
        var data = tmp.Write("eight.csv", EightPoints);
        Ok("multiplicity", data, "--target", "y", "--epsilon", "0.1", "--relative", "--no-plots", "--out", tmp["rel"]);
        var rel = ReadJson(tmp["rel/summary.json"]);
        double l0 = rel.GetProperty("model").GetProperty("loss").GetDouble();
        Assert.Equal(0.1, Epsilon(rel, 0).GetProperty("epsilon").GetDouble());
        Assert.Equal(0.1 * l0, Epsilon(rel, 0).GetProperty("epsilon_absolute").GetDouble(), 1e-15);
        Assert.Contains("relative", rel.GetProperty("conventions").GetProperty("epsilon").GetString());

        Ok("multiplicity", data, "--target", "y", "--epsilon", (0.1 * l0).ToString("R", Inv), "--no-plots", "--out", tmp["abs"]);
        var a = AssertRanges(tmp["abs/ranges.csv"], 8);
        var b = AssertRanges(tmp["rel/ranges.csv"], 8);
        for (int i = 0; i < 8; i++)
            foreach (var c in new[] { "prediction", "min", "max", "width" })
                Assert.True(Math.Abs(D(a[i][c]) - D(b[i][c])) <= 1e-8, $"row {i + 1} {c}: absolute {a[i][c]}, relative {b[i][c]}");
        Assert.Equal(Epsilon(ReadJson(tmp["abs/summary.json"]), 0).GetProperty("mean_width").GetDouble(),
            Epsilon(rel, 0).GetProperty("mean_width").GetDouble(), 1e-8);
        Assert.All(PlotsWithoutGroup, png => Assert.False(File.Exists(tmp[Path.Combine("rel", png)]), $"--no-plots wrote {png}"));
    }

    /// <summary>
    /// Logistic regression with an intercept and λ = 0 is affine-invariant: standardising the features changes the weights but
    /// not the level set's predictions, so the ranges must be the same. The data are not separable (six labels go against x).
    /// The only difference from a clean run is a feature in the tens of thousands (an income in dollars), which must not make
    /// the data look "separable".
    /// </summary>
    [Fact]
    public void Lambda_zero_ranges_do_not_depend_on_feature_scale()
    {
        using var tmp = new TempDir();
        var rows = Enumerable.Range(0, 40).Select(i =>
        {
            double x = Math.Round(i / 10.0 - 2, 2);
            int y = x > 0 ? 1 : 0;
            if (i is 3 or 9 or 15 or 22 or 28 or 34) y = 1 - y;
            int income = 1000 * (50 + i * 7 % 13);
            return string.Create(Inv, $"{income},{x},{y}");
        });
        var data = tmp.Write("income.csv", "income,x,y\n" + string.Join('\n', rows) + "\n");

        Ok("multiplicity", data, "--target", "y", "--lambda", "0", "--standardize", "--epsilon", "0.01,0.05", "--no-plots", "--out", tmp["std"]);
        var raw = Run("multiplicity", data, "--target", "y", "--lambda", "0", "--epsilon", "0.01,0.05", "--no-plots", "--out", tmp["raw"]);
        Assert.True(raw.ExitCode == 0, $"non-separable data refused because one column is in the tens of thousands\n{raw}");
        var a = AssertRanges(tmp["std/ranges.csv"], 40);
        var b = AssertRanges(tmp["raw/ranges.csv"], 40);
        for (int i = 0; i < 40; i++)
            foreach (var c in new[] { "prediction", "min", "max", "min@0.05", "max@0.05" })
                Assert.True(Math.Abs(D(a[i][c]) - D(b[i][c])) <= 1e-7, $"row {i + 1} {c}: standardised {a[i][c]}, raw {b[i][c]}");
    }

    /// <summary>
    /// With λ = 0, a full-rank design and a finite baseline fit (the data are not separable), the loss is coercive: the level set
    /// is compact and every endpoint is attained by a finite model, so no endpoint may be reported as a limit. The data: 400
    /// rows with x ~ N(0, 1) and y ~ Bernoulli(σ(x)), plus a rare indicator r set on 9 rows, 8 positive and 1 negative. The
    /// largest prediction for those 9 rows is very close to 1 (logit about 20 at ε = 0.05) but below it.
    /// </summary>
    [Fact]
    public void Lambda_zero_on_non_separable_data_reports_no_limits()
    {
        using var tmp = new TempDir();
        var random = new Random(7);
        var rows = Enumerable.Range(0, 400).Select(i =>
        {
            double x = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            int r = i < 9 ? 1 : 0;
            int y = r == 1 ? (i == 0 ? 0 : 1) : (random.NextDouble() < 1 / (1 + Math.Exp(-x)) ? 1 : 0);
            return string.Create(Inv, $"{x:F4},{r},{y}");
        });
        var data = tmp.Write("rare.csv", "x,r,y\n" + string.Join('\n', rows) + "\n");
        Ok("multiplicity", data, "--target", "y", "--lambda", "0", "--epsilon", "0.01,0.05", "--no-plots", "--out", tmp.Path);
        var summary = ReadJson(tmp["summary.json"]);
        Assert.True(summary.GetProperty("model").GetProperty("converged").GetBoolean());
        var table = AssertRanges(tmp["ranges.csv"], 400);
        Assert.All(table.Take(9), row => Assert.True(D(row["max@0.05"]) > 0.99, $"row {row["row"]}: max@0.05 {row["max@0.05"]}"));
        Assert.True(summary.GetProperty("analysis").GetProperty("rows_reaching_a_limit").GetInt32() == 0,
            "a finite model attains every endpoint here, yet the summary reports rows reaching a limit (0 or 1)");
    }

    [Fact]
    public void Json_flag_prints_the_summary_on_stdout()
    {
        using var tmp = new TempDir();
        var data = tmp.Write("eight.csv", EightPoints);
        var r = Ok("multiplicity", data, "--target", "y", "--epsilon", "0.01,0.05", "--json", "--no-plots", "--out", tmp.Path);
        JsonElement printed;
        try
        {
            using var doc = JsonDocument.Parse(r.Stdout); // the whole of stdout, nothing else on it
            printed = doc.RootElement.Clone();
        }
        catch (JsonException e)
        {
            Assert.Fail($"stdout is not one JSON document: {e.Message}\n{r}");
            return;
        }
        Assert.Equal(File.ReadAllText(tmp["summary.json"]).Trim(), r.Stdout.Trim());
        Assert.Equal(2, printed.GetProperty("epsilons").GetArrayLength());
        Assert.Equal(0.44869089, printed.GetProperty("model").GetProperty("loss").GetDouble(), 1e-8);
        Assert.True(Epsilon(printed, 0).GetProperty("mean_width").GetDouble() < Epsilon(printed, 1).GetProperty("mean_width").GetDouble());
        var table = AssertRanges(tmp["ranges.csv"], 8);
        Assert.Contains("width@0.05", table[0].Keys);
    }

    // ---------------------------------------------------------------- bad input: exit 2, one line on stderr, no stack trace

    /// <summary>Runs multiplicity on <paramref name="csv"/> (written as <paramref name="name"/>) and asserts the bad-input contract.</summary>
    private static string Bad(string name, string csv, string[] args, params string[] mentions)
    {
        using var tmp = new TempDir();
        var data = tmp.Write(name, csv);
        var r = Run(["multiplicity", data, .. args, "--out", tmp["out"]]);
        var line = AssertBadInput(r, mentions);
        Assert.False(File.Exists(tmp["out/ranges.csv"]), $"ranges.csv written despite: {line}");
        return line;
    }

    [Fact]
    public void Three_valued_target_exits_2() =>
        Bad("three.csv", "x1,x2,y\n0,0,0\n1,1,1\n2,0,2\n3,1,1\n", ["--target", "y"], "three.csv", "'y'", "binary");

    [Fact]
    public void Target_with_one_value_exits_2() =>
        Bad("one.csv", "x1,x2,y\n0,0,1\n1,1,1\n2,0,1\n", ["--target", "y"], "one.csv", "'y'", "'1'");

    [Fact]
    public void Constant_feature_column_exits_2() =>
        Bad("const.csv", "x1,c,y\n0,5,0\n1,5,1\n2,5,0\n3,5,1\n", ["--target", "y"], "const.csv", "'c'", "constant");

    [Fact]
    public void Missing_cell_names_the_line_and_the_column()
    {
        var line = Bad("missing.csv", "x1,x2,y\n0,0,0\n1,1,1\n2,,0\n3,1,1\n", ["--target", "y"], "missing.csv", "'x2'", "missing");
        AssertNamesLine(line, 4);
    }

    [Fact]
    public void Missing_target_value_names_the_line()
    {
        var line = Bad("missing-y.csv", "x1,x2,y\n0,0,0\n1,1,1\n2,0,0\n3,1,\n", ["--target", "y"], "missing-y.csv", "'y'");
        AssertNamesLine(line, 5);
    }

    [Fact]
    public void Separable_data_without_lambda_exits_2_and_runs_with_lambda()
    {
        const string separable = "x1,x2,y\n0,0,0\n1,1,0\n2,0,1\n3,1,1\n";
        Bad("separable.csv", separable, ["--target", "y", "--lambda", "0"], "separable.csv", "lambda");

        using var tmp = new TempDir();
        var data = tmp.Write("separable.csv", separable);
        Ok("multiplicity", data, "--target", "y", "--lambda", "0.01", "--no-plots", "--out", tmp.Path);
        var table = AssertRanges(tmp["ranges.csv"], 4);
        Assert.All(table, row => Assert.Equal("false", row["at_limit"])); // λ > 0: every endpoint is attained, inside (0, 1)
        Assert.All(table, row => Assert.True(D(row["min"]) > 0 && D(row["max"]) < 1, $"row {row["row"]}: [{row["min"]}, {row["max"]}]"));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("0.01,0")]
    public void Epsilon_that_is_not_positive_exits_2(string epsilon) =>
        Bad("eight.csv", EightPoints, ["--target", "y", "--epsilon", epsilon], "--epsilon", epsilon);

    [Fact]
    public void Missing_target_option_exits_2() => Bad("eight.csv", EightPoints, [], "--target");

    [Fact]
    public void Unknown_target_column_suggests_the_near_name() =>
        Bad("eight.csv", EightPoints.Replace("x1,x2,y", "x1,x2,label"), ["--target", "lable"], "'lable'", "'label'");

    [Fact]
    public void Unknown_features_column_suggests_the_near_name() =>
        Bad("hw.csv", "height,weight,y\n1,2,0\n2,1,1\n3,3,0\n4,2,1\n5,4,1\n", ["--target", "y", "--features", "height,wieght"],
            "hw.csv", "--features", "'wieght'", "'weight'");

    private const string TextTarget = "x1,x2,outcome\n0,0,no\n1,1,yes\n2,0,no\n3,1,yes\n1.5,0.3,no\n0.5,0.8,yes\n";

    [Fact]
    public void Text_target_without_positive_lists_the_values() =>
        Bad("text.csv", TextTarget, ["--target", "outcome"], "text.csv", "'outcome'", "no", "yes", "--positive");

    [Fact]
    public void Positive_that_is_not_a_target_value_exits_2() =>
        Bad("text.csv", TextTarget, ["--target", "outcome", "--positive", "maybe"], "'maybe'", "no", "yes");

    [Fact]
    public void Text_target_with_positive_runs()
    {
        using var tmp = new TempDir();
        var data = tmp.Write("text.csv", TextTarget);
        Ok("multiplicity", data, "--target", "outcome", "--positive", "yes", "--lambda", "0.01", "--no-plots", "--out", tmp.Path);
        var table = AssertRanges(tmp["ranges.csv"], 6);
        Assert.Equal(["0", "1", "0", "1", "0", "1"], table.Select(r => r["label"]).ToArray());
        Assert.Equal("yes", ReadJson(tmp["summary.json"]).GetProperty("positive_value").GetString());
    }

    [Fact]
    public void Missing_file_exits_2() =>
        AssertBadInput(Run("multiplicity", Path.Combine(Path.GetTempPath(), "no-such-mixlab-file.csv"), "--target", "y"), "no-such-mixlab-file.csv");
}
