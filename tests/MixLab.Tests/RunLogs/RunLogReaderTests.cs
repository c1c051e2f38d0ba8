using System.IO.Compression;
using System.Text;
using MixLab.RunLogs;

namespace MixLab.Tests.RunLogs;

public sealed class RunLogReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Csv_QuotedFieldsWithCommasNewlinesAndDoubledQuotes_AreParsed_AndLinesCountPhysicalLines()
    {
        var path = _dir.Write("runs.csv",
            "run,note,params,tokens,loss\n" +
            "r1,\"a, b\",1e8,2e9,3.5\n" +
            "r2,\"first line\nsecond line\",2e8,4e9,3.25\n" +
            "r3,\"say \"\"hi\"\"\",3e8,6e9,3.0\n");
        var t = RunLogReader.Read(path);
        Assert.Equal(3, t.RowCount);
        Assert.Equal(new[] { "a, b", "first line\nsecond line", "say \"hi\"" }, t.Text("note").Select(c => c!));
        Assert.Equal([2, 3, 5], t.Lines); // r2 spans lines 3–4, so r3 is on line 5
        Assert.Equal([3.5, 3.25, 3.0], t.Numeric("loss"));
        Assert.Equal(path, t.File);
    }

    [Fact]
    public void Csv_CrLfLineEndingsAndTrailingNewlineAbsent_AreAccepted()
    {
        var t = RunLogReader.Read(_dir.Write("crlf.csv", "params,tokens,loss\r\n1e8,2e9,3.5\r\n2e8,4e9,3.25"));
        Assert.Equal(2, t.RowCount);
        Assert.Equal([3.5, 3.25], t.Numeric("loss"));
    }

    [Fact]
    public void Tsv_IsReadByExtension()
    {
        var t = RunLogReader.Read(_dir.Write("runs.tsv", "params\ttokens\tloss\n1e8\t2e9\t3.5\n"));
        Assert.Equal([1e8], t.Numeric("params"));
    }

    [Fact]
    public void Gzip_IsDecompressed()
    {
        var path = Path.Combine(_dir.Path, "runs.csv.gz");
        using (var file = File.Create(path))
        using (var gz = new GZipStream(file, CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("params,tokens,loss\n1e8,2e9,3.5\n"));
        Assert.Equal([3.5], RunLogReader.Read(path).Numeric("loss"));
    }

    [Fact]
    public void JsonLines_NestedMixObjectsBecomeMixColumns()
    {
        var path = _dir.Write("runs.jsonl",
            "{\"run\": \"a\", \"eval_domain\": \"web\", \"mix\": {\"web\": 0.7, \"code\": 0.3}, \"loss\": 2.5}\n" +
            "\n" +
            "{\"run\": \"b\", \"eval_domain\": \"web\", \"mix\": {\"web\": 0.2, \"code\": 0.8}, \"loss\": 2.75, \"extra\": null}\n");
        var t = RunLogReader.Read(path);
        Assert.Equal(2, t.RowCount);
        Assert.Equal(["web", "code"], t.MixtureDomains);
        Assert.Equal([0.7, 0.2], t.Numeric("mix.web"));
        Assert.Equal([0.3, 0.8], t.Numeric("mix.code"));
        Assert.Equal(new[] { "a", "b" }, t.Text("run").Select(c => c!));
        Assert.Equal([1, 3], t.Lines); // the blank line 2 is skipped but still counted
        Assert.All(t.Text("extra"), Assert.Null);
    }

    [Fact]
    public void JsonLines_InvalidLine_NamesItsLine()
    {
        var path = _dir.Write("bad.jsonl", "{\"loss\": 2.5}\n{\"loss\": \n");
        var e = Assert.Throws<RunLogException>(() => RunLogReader.Read(path));
        Assert.Equal(2, e.Line);
        Assert.Contains("bad.jsonl:2", e.Message);
        var arr = _dir.Write("array.jsonl", "[1, 2]\n");
        Assert.Equal(1, Assert.Throws<RunLogException>(() => RunLogReader.Read(arr)).Line);
    }

    [Fact]
    public void Map_RenamesColumns_AndDerivesTokensFromFlops()
    {
        var path = _dir.Write("epoch.csv", "Model Size,Training FLOP,loss\n1e9,6e19,2.5\n2e9,3e20,2.25\n");
        var t = RunLogReader.Read(path, new Dictionary<string, string> { ["params"] = "Model Size", ["flops"] = "Training FLOP" });
        Assert.True(t.Has("params"));
        Assert.True(t.Has("flops"));
        Assert.False(t.Has("Model Size"));
        Assert.Equal([1e9, 2e9], t.Numeric("params"));
        // tokens = flops / (6 params)
        Assert.Equal(6e19 / (6 * 1e9), t.Numeric("tokens")[0], 1e-6);
        Assert.Equal(3e20 / (6 * 2e9), t.Numeric("tokens")[1], 1e-6);
        Assert.Equal(1e10, t.Numeric("tokens")[0], 1e-3);
    }

    [Fact]
    public void DerivedFlops_FromParamsAndTokens()
    {
        var t = RunLogReader.Read(_dir.Write("nd.csv", "params,tokens,loss\n1e9,2e10,2.5\n"));
        Assert.Equal(6 * 1e9 * 2e10, t.Numeric("flops")[0], 1e9);
    }

    [Fact]
    public void CanonicalNames_MatchCaseInsensitively_AndMapWinsOverAnExistingName()
    {
        var t = RunLogReader.Read(_dir.Write("case.csv", "Params,TOKENS,Loss,my_loss\n1e8,2e9,9.0,3.5\n"),
            new Dictionary<string, string> { ["loss"] = "my_loss" });
        Assert.Equal([1e8], t.Numeric("params"));
        Assert.Equal([3.5], t.Numeric("loss"));
    }

    [Fact]
    public void Map_ToUnknownSourceColumn_SuggestsTheNearestHeader()
    {
        var path = _dir.Write("epoch.csv", "Model Size,Training FLOP,loss\n1e9,6e19,2.5\n");
        var e = Assert.Throws<RunLogException>(() => RunLogReader.Read(path, new Dictionary<string, string> { ["params"] = "Model Sise" }));
        Assert.Contains("epoch.csv", e.Message);
        Assert.Contains("Model Size", e.Message);
        Assert.Equal(1, e.Line);
    }

    [Fact]
    public void MissingColumn_MessageNamesFileColumnAndASuggestion()
    {
        var path = _dir.Write("runs.csv", "params,tokens,los\n1e8,2e9,3.5\n");
        var t = RunLogReader.Read(path);
        var e = Assert.Throws<RunLogException>(() => t.Numeric("loss"));
        Assert.Contains("runs.csv", e.Message);
        Assert.Contains("column 'loss'", e.Message);
        Assert.Contains("did you mean 'los'", e.Message);
        Assert.Contains("--map", e.Message);
        Assert.Equal("loss", e.Column);

        // Nothing close: the message lists the columns instead.
        var far = Assert.Throws<RunLogException>(() => t.Numeric("eval_domain"));
        Assert.Contains("column 'eval_domain'", far.Message);
        Assert.Contains("columns: params, tokens, los", far.Message);
    }

    [Fact]
    public void NonNumericCell_NamesTheLineNumberAndColumn()
    {
        var path = _dir.Write("runs.csv", "params,tokens,loss\n1e8,2e9,3.5\n2e8,4e9,abc\n");
        var e = Assert.Throws<RunLogException>(() => RunLogReader.Read(path).Numeric("loss"));
        Assert.Equal(3, e.Line);
        Assert.Equal("loss", e.Column);
        Assert.Contains("runs.csv:3 column 'loss'", e.Message);
        Assert.Contains("'abc' is not a number", e.Message);
    }

    [Fact]
    public void NonNumericCell_AfterAMultilineQuotedField_NamesThePhysicalLine()
    {
        var path = _dir.Write("runs.csv", "note,loss\n\"x\ny\",2.5\nz,oops\n");
        var e = Assert.Throws<RunLogException>(() => RunLogReader.Read(path).Numeric("loss"));
        Assert.Equal(4, e.Line);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("inf")]
    [InlineData("-Infinity")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-1.5")]
    [InlineData("0")]
    public void Positive_RejectsNanInfEmptyZeroAndNegativeLoss(string cell)
    {
        var path = _dir.Write("runs.csv", $"params,tokens,loss\n1e8,2e9,3.5\n2e8,4e9,{cell}\n");
        var table = RunLogReader.Read(path);
        var e = Assert.Throws<RunLogException>(() => table.Positive("loss"));
        Assert.Equal(3, e.Line);
        Assert.Equal("loss", e.Column);
        Assert.Contains("runs.csv:3", e.Message);
    }

    [Fact]
    public void Positive_AcceptsPositiveValues()
    {
        var table = RunLogReader.Read(_dir.Write("runs.csv", "loss\n3.5\n1e-300\n"));
        Assert.Equal([3.5, 1e-300], table.Positive("loss"));
    }

    [Fact]
    public void RaggedRow_NamesItsLine()
    {
        var path = _dir.Write("ragged.csv", "params,tokens,loss\n1e8,2e9,3.5\n2e8,4e9\n3e8,6e9,3.0\n");
        var e = Assert.Throws<RunLogException>(() => RunLogReader.Read(path));
        Assert.Equal(3, e.Line);
        Assert.Contains("ragged.csv:3", e.Message);
        Assert.Contains("2 fields", e.Message);
        Assert.Contains("3", e.Message);
    }

    [Fact]
    public void UnclosedQuote_EmptyFile_NoRows_MissingFile_AreReported()
    {
        Assert.Contains("not closed", Assert.Throws<RunLogException>(() => RunLogReader.Read(_dir.Write("q.csv", "a,b\n\"x,1\n"))).Message);
        Assert.Throws<RunLogException>(() => RunLogReader.Read(_dir.Write("empty.csv", "")));
        Assert.Contains("no data rows", Assert.Throws<RunLogException>(() => RunLogReader.Read(_dir.Write("header.csv", "params,loss\n"))).Message);
        var missing = Path.Combine(_dir.Path, "absent.csv");
        var e = Assert.Throws<RunLogException>(() => RunLogReader.Read(missing));
        Assert.Contains("absent.csv", e.Message);
        Assert.Contains("not found", e.Message);
    }

    [Fact]
    public void DuplicateColumn_IsAnError()
    {
        var e = Assert.Throws<RunLogException>(() => RunLogReader.Read(_dir.Write("dup.csv", "loss,Loss\n1,2\n")));
        Assert.Contains("duplicate", e.Message);
    }

    [Fact]
    public void PandasUnnamedIndexColumn_IsNamedIndex()
    {
        var t = RunLogReader.Read(_dir.Write("pandas.csv", ",params,loss\n0,1e8,3.5\n"));
        Assert.Equal(["index", "params", "loss"], t.ColumnOrder);
    }

    [Fact]
    public void EpochCsv_Reads245RowsWithTheDocumentedRanges()
    {
        var t = TestData.ChinchillaAll();
        Assert.Equal(245, t.RowCount);
        Assert.Equal(2, t.Lines[0]);
        Assert.Equal(246, t.Lines[^1]);
        var n = t.Positive("params");
        var d = t.Positive("tokens");
        var loss = t.Positive("loss");
        // laws.md §3.3: N 5.73e7–1.618e10; D 2.45e8–3.18e11; loss 2.0774–5.0056.
        Assert.Equal(5.73e7, n.Min(), 0.01e7);
        Assert.Equal(1.618e10, n.Max(), 0.001e10);
        Assert.Equal(2.45e8, d.Min(), 0.01e8);
        Assert.Equal(3.18e11, d.Max(), 0.01e11);
        Assert.Equal(2.0774, loss.Min(), 1e-4);
        Assert.Equal(5.0056, loss.Max(), 1e-4);
        var flops = t.Numeric("flops");
        for (int i = 0; i < t.RowCount; i++) Assert.Equal(flops[i] / (6 * n[i]), d[i], d[i] * 1e-15);
        Assert.Equal(99, t.Text("color").Distinct().Count());
    }
}
