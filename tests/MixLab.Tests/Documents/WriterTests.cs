using System.Text;
using System.Text.Json.Nodes;
using MixLab.Documents;
using Parquet;

namespace MixLab.Tests.Documents;

public sealed class WriterTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static List<Document> Corpus(int n)
    {
        var docs = new List<Document>();
        for (int i = 0; i < n; i++)
        {
            var d = i % 3 == 0
                ? DocumentJsonTests.Sample("s" + i, $"text {i} ünïcödé 😀 " + new string('z', i % 50))
                : new Document("p" + i, $"plain {i}\n second line") { Source = i % 2 == 0 ? null : "web" };
            if (i % 3 == 1) d.Metadata["url"] = $"https://example.org/{i}";
            docs.Add(d);
        }
        return docs;
    }

    private static List<Document> ReadBack(IEnumerable<string> shards)
    {
        var docs = new List<Document>();
        foreach (var input in InputDiscovery.Expand(shards))
            foreach (var item in DocumentReaders.Open(input).Read())
            {
                Assert.Null(item.Reject);
                docs.Add(item.Document!);
            }
        return docs;
    }

    [Theory]
    [InlineData(DocumentOutputFormat.Jsonl)]
    [InlineData(DocumentOutputFormat.JsonlGzip)]
    [InlineData(DocumentOutputFormat.JsonlZstd)]
    [InlineData(DocumentOutputFormat.Parquet)]
    public void EveryFormat_RoundTrips(DocumentOutputFormat format)
    {
        var docs = Corpus(250);
        var outDir = Path.Combine(_dir.Path, "out");
        IReadOnlyList<string> shards;
        using (var w = DocumentWriters.Create(format, outDir, "part"))
        {
            foreach (var d in docs) w.Write(d);
            shards = w.Complete();
        }
        var only = Assert.Single(shards);
        Assert.Equal(Path.Combine(outDir, "part_00000" + format.Extension()), only);
        var back = ReadBack(shards);
        Assert.Equal(docs.Count, back.Count);
        for (int i = 0; i < docs.Count; i++) DocumentJsonTests.AssertSame(docs[i], back[i]);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp"));
    }

    [Fact]
    public void ZstdShards_AreStandardZstdWithChecksum()
    {
        var outDir = Path.Combine(_dir.Path, "z");
        using var w = DocumentWriters.Create("jsonl.zst", outDir, "p");
        w.Write(new Document("a", "b"));
        var path = w.Complete()[0];
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(new byte[] { 0x28, 0xB5, 0x2F, 0xFD }, bytes[..4]); // zstd frame magic (RFC 8878)
        Assert.NotEqual(0, bytes[4] & 0x04);                               // Content_Checksum_flag
    }

    [Theory]
    [InlineData(DocumentOutputFormat.JsonlZstd)]
    [InlineData(DocumentOutputFormat.Parquet)]
    public void Shards_SplitBySize_InOrder_WithoutExceedingTheLimit(DocumentOutputFormat format)
    {
        var docs = Enumerable.Range(0, 100).Select(i => new Document($"d{i:D3}", new string('a', 900))).ToList();
        var lineBytes = Encoding.UTF8.GetByteCount(DocumentJson.ToJson(docs[0])) + 1;
        var options = new DocumentWriterOptions { MaxShardBytes = 10_000 };
        var outDir = Path.Combine(_dir.Path, "s");
        IReadOnlyList<string> shards;
        using (var w = DocumentWriters.Create(format, outDir, "docs", options))
        {
            foreach (var d in docs) w.Write(d);
            shards = w.Complete();
        }
        Assert.True(shards.Count >= 10, $"{shards.Count} shards");
        Assert.Equal(shards.Select((_, i) => Path.Combine(outDir, $"docs_{i:D5}{format.Extension()}")), shards);
        var perShard = shards.Select(s => ReadBack([s]).Count).ToList();
        Assert.Equal(100, perShard.Sum());
        if (format != DocumentOutputFormat.Parquet) // JSONL counts exact line bytes: 10 lines of this size fit, 11 do not
        {
            int fit = (int)(10_000 / lineBytes);
            Assert.All(perShard.Take(perShard.Count - 1), c => Assert.Equal(fit, c));
        }
        Assert.All(perShard, c => Assert.InRange(c, 1, 11));
        Assert.Equal(docs.Select(d => d.Id), ReadBack(shards).Select(d => d.Id));
    }

    [Fact]
    public void OneDocumentLargerThanTheShardLimit_GetsAShardOfItsOwn()
    {
        var outDir = Path.Combine(_dir.Path, "big");
        using var w = DocumentWriters.Create(DocumentOutputFormat.Jsonl, outDir, "p", new DocumentWriterOptions { MaxShardBytes = 100 });
        w.Write(new Document("a", "x"));
        w.Write(new Document("b", new string('y', 500)));
        w.Write(new Document("c", "z"));
        var shards = w.Complete();
        Assert.Equal(3, shards.Count);
        Assert.Equal(["a", "b", "c"], ReadBack(shards).Select(d => d.Id));
    }

    [Fact]
    public void ShardsStayTemporaryUntilComplete_AndDisposeWithoutCompleteLeavesNothing()
    {
        var outDir = Path.Combine(_dir.Path, "t");
        var w = DocumentWriters.Create(DocumentOutputFormat.JsonlZstd, outDir, "p", new DocumentWriterOptions { MaxShardBytes = 200 });
        for (int i = 0; i < 10; i++) w.Write(new Document("d" + i, new string('q', 100)));
        var files = Directory.GetFiles(outDir);
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.EndsWith(".jsonl.zst.tmp", f));
        w.Dispose();
        Assert.Empty(Directory.GetFiles(outDir));

        var p = DocumentWriters.Create(DocumentOutputFormat.Parquet, outDir, "q");
        p.Write(new Document("a", "b"));
        p.Dispose();
        Assert.Empty(Directory.GetFiles(outDir));
    }

    [Fact]
    public void Complete_RenamesEveryShard_AndLeavesNoTemporaries()
    {
        var outDir = Path.Combine(_dir.Path, "c");
        using var w = DocumentWriters.Create(DocumentOutputFormat.Jsonl, outDir, "p", new DocumentWriterOptions { MaxShardBytes = 200 });
        for (int i = 0; i < 10; i++) w.Write(new Document("d" + i, new string('q', 100)));
        var shards = w.Complete();
        Assert.Equal(10, shards.Count);
        Assert.Equal(shards.OrderBy(s => s, StringComparer.Ordinal), Directory.GetFiles(outDir).OrderBy(s => s, StringComparer.Ordinal));
        Assert.Throws<InvalidOperationException>(() => w.Write(new Document("late", "x")));
    }

    [Fact]
    public void NoDocuments_NoShards()
    {
        var outDir = Path.Combine(_dir.Path, "e");
        using var w = DocumentWriters.Create(DocumentOutputFormat.Parquet, outDir, "p");
        Assert.Empty(w.Complete());
        Assert.Empty(Directory.GetFiles(outDir));
    }

    [Fact]
    public async Task Parquet_RowGroupsFollowTheRowLimit_AndUseZstd()
    {
        var outDir = Path.Combine(_dir.Path, "rg");
        string path;
        using (var w = DocumentWriters.Create(DocumentOutputFormat.Parquet, outDir, "p", new DocumentWriterOptions { RowGroupRows = 40 }))
        {
            for (int i = 0; i < 100; i++) w.Write(new Document("d" + i, "text " + i));
            path = w.Complete()[0];
        }
        await using var reader = await ParquetReader.CreateAsync(path);
        Assert.Equal(3, reader.RowGroupCount); // 40 + 40 + 20
        Assert.Equal([40L, 40L, 20L], reader.RowGroups.Select(g => g.RowCount));
        Assert.Equal(["id", "text", "source", "metadata", "license", "transformations"], reader.Schema.GetDataFields().Select(f => f.Name));
        Assert.Equal(Parquet.Meta.CompressionCodec.ZSTD, reader.Metadata!.RowGroups[0].Columns[1].MetaData!.Codec);
    }

    [Fact]
    public void UnreadableParquet_GivesOneRejectForTheFile()
    {
        var path = Path.Combine(_dir.Path, "bad.parquet");
        File.WriteAllText(path, "this is not a parquet file at all");
        var items = new ParquetDocumentReader(path).Read().ToList();
        var reject = Assert.Single(items).Reject;
        Assert.NotNull(reject);
        Assert.Equal(0, reject!.Line);
        Assert.Equal(path, reject.File);
        Assert.StartsWith("unreadable Parquet file", reject.Reason);
    }

    [Fact]
    public void TruncatedParquet_GivesOneRejectForTheFile()
    {
        var outDir = Path.Combine(_dir.Path, "tp");
        string path;
        using (var w = DocumentWriters.Create(DocumentOutputFormat.Parquet, outDir, "p"))
        {
            for (int i = 0; i < 100; i++) w.Write(new Document("d" + i, "text " + i));
            path = w.Complete()[0];
        }
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        var items = new ParquetDocumentReader(path).Read().ToList();
        var reject = Assert.Single(items).Reject;
        Assert.StartsWith("unreadable Parquet", reject!.Reason);
    }

    [Fact]
    public void RejectsWriter_WritesFileLineReasonRaw_AsJsonLines()
    {
        var path = Path.Combine(_dir.Path, "rej", "rejects.jsonl");
        RejectedRecord[] records =
        [
            new("/in/a.jsonl", 3, "invalid JSON: x", "{\"te"),
            new("/in/b.parquet", 0, "unreadable Parquet file: y", null),
        ];
        using (var w = new RejectsWriter(path))
        {
            foreach (var r in records) w.Write(r);
            Assert.Equal(2, w.Count);
        }
        var lines = File.ReadAllLines(path);
        Assert.Equal(2, lines.Length);
        var first = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal(["file", "line", "reason", "raw"], first.Select(p => p.Key));
        Assert.Equal(records, RejectsWriter.ReadAll(path));
    }
}
