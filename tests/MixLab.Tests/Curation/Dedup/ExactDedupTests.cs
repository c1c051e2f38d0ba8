using System.IO.Hashing;
using System.Text;
using MixLab.Curation;
using MixLab.Curation.Dedup;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Dedup;

public sealed class ExactDedupTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"mixlab-dedup-{Guid.NewGuid():N}");

    public ExactDedupTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Hello   World\n", "hello world")]
    [InlineData("\u00A0 Hello\tWORLD \r\n", "hello world")]
    [InlineData("\uFB01ne print", "fine print")]
    [InlineData("\uFF28\uFF45\uFF4C\uFF4C\uFF4F", "hello")]
    [InlineData("wait\u2026 x\u00B2 H\u2082O", "wait... x2 h2o")]
    [InlineData("o\uFB03ce \uFB00 \u3000end", "office ff end")]
    public void Normalisation_equalities(string a, string b)
    {
        Assert.Equal(b, DedupNormalizer.Normalize(a));
        Assert.Equal(ExactDedupSignature.Compute(b), ExactDedupSignature.Compute(a));
    }

    [Fact]
    public void Ascii_fast_path_agrees_with_the_rule_applied_char_by_char()
    {
        // Every ASCII char (controls, the separators 0x1C-0x1F, letters, digits) mixed with characters that fold,
        // lower-case or count as white space outside ASCII.
        string pool = new string(Enumerable.Range(0, 128).Select(c => (char)c).ToArray()) + "\u00A0\u0085\u2026\uFB01\uFF21\u00C9\u0130\u2003\u3000\u00B2\u2082";
        var rng = new Random(17);
        for (int trial = 0; trial < 2000; trial++)
        {
            var text = new string(Enumerable.Range(0, rng.Next(0, 40)).Select(_ => pool[rng.Next(pool.Length)]).ToArray());
            Assert.Equal(Reference(text), DedupNormalizer.Normalize(text));
        }

        static string Reference(string text)
        {
            var sb = new StringBuilder();
            bool pending = false;
            Span<char> folded = stackalloc char[DedupNormalizer.MaxExpansion];
            foreach (char c in text)
            {
                if (char.IsWhiteSpace(c)) { pending = sb.Length > 0; continue; }
                if (pending) { sb.Append(' '); pending = false; }
                int k = DedupNormalizer.Fold(c, folded);
                for (int j = 0; j < k; j++) sb.Append(char.ToLowerInvariant(folded[j]));
            }
            return sb.ToString();
        }
    }

    [Fact]
    public void Different_texts_differ()
    {
        Assert.NotEqual(ExactDedupSignature.Compute("hello world"), ExactDedupSignature.Compute("hello  world!"));
        Assert.NotEqual(ExactDedupSignature.Compute("hello world"), ExactDedupSignature.ComputeRaw("Hello World"));
    }

    [Fact]
    public void Hash_is_xxhash64_of_documented_bytes_with_fixed_seed()
    {
        // Independent computation: seed = ASCII "mixlab-1" read big-endian, over UTF-8 of the normalised text.
        long seed = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian("mixlab-1"u8);
        Assert.Equal(ExactDedupSignature.Seed, seed);
        ulong expected = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes("grüße aus köln"), seed);
        Assert.Equal(expected, ExactDedupSignature.Compute("  Grüße  aus\nKÖLN "));
        // The reference xxh64 test vector: xxh64("", seed 0) = 0xEF46DB3751D8E999.
        Assert.Equal(0xEF46DB3751D8E999UL, XxHash64.HashToUInt64([], 0));
    }

    [Fact]
    public void Hash_records_round_trip_and_publish_by_rename()
    {
        string path = Path.Combine(_dir, "00000.hashes");
        var records = new[] { new HashRecord(ulong.MaxValue, 3, 1L << 40), new HashRecord(0, 0, 1), new HashRecord(42, int.MaxValue, 7) };
        using (var w = new HashRecordWriter(path))
        {
            foreach (var r in records) w.Write(r);
            Assert.False(File.Exists(path));
            w.Complete();
        }
        Assert.False(File.Exists(path + ".tmp"));
        Assert.Equal(HashRecordFormat.HeaderSize + 3 * HashRecordFormat.RecordSize, new FileInfo(path).Length);
        Assert.Equal(3, HashRecordReader.ReadCount(path));
        Assert.Equal(records, HashRecordReader.Read(path).ToArray());
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("MXLBHASH"u8.ToArray(), bytes[..8]);
        Assert.Equal(3, BitConverter.ToInt64(bytes, 16)); // little-endian count
    }

    [Fact]
    public void Unfinished_and_truncated_files_are_detected()
    {
        string path = Path.Combine(_dir, "x.hashes");
        using (var w = new HashRecordWriter(path)) w.Write(new HashRecord(1, 0, 1));
        Assert.False(File.Exists(path));
        Assert.False(File.Exists(path + ".tmp"));

        using (var w = new HashRecordWriter(path)) { w.Write(new HashRecord(1, 0, 1)); w.Write(new HashRecord(2, 0, 2)); w.Complete(); }
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]);
        var ex = Assert.Throws<InvalidDataException>(() => DuplicateResolver.Resolve([path]));
        Assert.Contains(path, ex.Message);
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("not a hash file at all, no no no"));
        Assert.Throws<InvalidDataException>(() => HashRecordReader.ReadCount(path));
    }

    [Fact]
    public void Resolver_keeps_the_smallest_position_per_hash()
    {
        var table = DuplicateResolver.Resolve([new HashRecord(5, 2, 1), new HashRecord(5, 1, 9), new HashRecord(5, 1, 3), new HashRecord(6, 0, 1)]);
        Assert.False(table.IsDuplicate(5, 1, 3));
        Assert.True(table.IsDuplicate(5, 1, 9));
        Assert.True(table.IsDuplicate(5, 2, 1));
        Assert.False(table.IsDuplicate(6, 0, 1));
        Assert.False(table.IsDuplicate(7, 0, 1));
        Assert.Equal(2, table.DistinctCount);
        Assert.Equal(2, table.DuplicateCount);
    }

    // A corpus of 6 input files with duplicates within and across files, including normalisation-only variants.
    private static List<(string File, List<string> Lines)> Corpus()
    {
        var rng = new Random(7);
        string[] pool = Enumerable.Range(0, 25).Select(i => $"Document number {i} says something about topic {i % 7}.").ToArray();
        var files = new List<(string, List<string>)>();
        for (int f = 0; f < 6; f++)
        {
            var lines = new List<string>();
            for (int l = 0; l < 30; l++)
            {
                string t = pool[rng.Next(pool.Length)];
                if (rng.Next(3) == 0) t = "  " + t.ToUpperInvariant().Replace(" ", "\t ") + "\n";
                lines.Add(t);
            }
            files.Add(($"in/{f:D3}.jsonl", lines));
        }
        return files;
    }

    private static HashSet<(int, long)> SinglePass(List<(string File, List<string> Lines)> corpus)
    {
        var step = new ExactDedupStep();
        var dropped = new HashSet<(int, long)>();
        for (int f = 0; f < corpus.Count; f++)
            for (int l = 0; l < corpus[f].Lines.Count; l++)
                if (!step.Process(new Document("x", corpus[f].Lines[l])).Keep)
                    dropped.Add((f, l + 1));
        return dropped;
    }

    private HashSet<(int, long)> TwoPhase(List<(string File, List<string> Lines)> corpus, int tasks, bool reverseFiles)
    {
        var inputs = new InputFileIndex(corpus.Select(c => c.File).ToList());
        var hashFiles = new List<string>();
        string runDir = Path.Combine(_dir, $"run{tasks}{reverseFiles}");
        for (int rank = 0; rank < tasks; rank++)
        {
            string path = Path.Combine(runDir, $"{rank:D5}.hashes");
            using var writer = new HashRecordWriter(path);
            var sig = new ExactDedupSignatureStep(writer, inputs);
            for (int f = rank; f < corpus.Count; f += tasks)
                for (int l = 0; l < corpus[f].Lines.Count; l++)
                    Assert.True(sig.Process(Doc(corpus, f, l)).Keep);
            writer.Complete();
            hashFiles.Add(path);
        }
        if (reverseFiles) hashFiles.Reverse();
        var table = DuplicateResolver.Resolve(hashFiles);
        var filter = new ExactDedupFilterStep(table, inputs);
        Assert.Equal("exact_dedup", filter.Name);
        var dropped = new HashSet<(int, long)>();
        for (int rank = tasks - 1; rank >= 0; rank--)
            for (int f = rank; f < corpus.Count; f += tasks)
                for (int l = 0; l < corpus[f].Lines.Count; l++)
                {
                    var r = filter.Process(Doc(corpus, f, l));
                    if (!r.Keep) { Assert.Equal("exact_duplicate", r.Reason); dropped.Add((f, l + 1)); }
                }
        return dropped;
    }

    private static Document Doc(List<(string File, List<string> Lines)> corpus, int f, int l) =>
        new($"{f}:{l}", corpus[f].Lines[l]) { Origin = new DocumentOrigin(corpus[f].File, l + 1) };

    [Fact]
    public void Two_phase_equals_single_pass_for_any_task_count_and_file_order()
    {
        var corpus = Corpus();
        var expected = SinglePass(corpus);
        Assert.InRange(expected.Count, 100, 180 - 25); // many duplicates, at most 25 distinct texts kept
        Assert.Equal(180 - expected.Count, corpus.SelectMany(c => c.Lines).Select(DedupNormalizer.Normalize).Distinct().Count());
        foreach (int tasks in new[] { 1, 2, 4 })
            foreach (bool reverse in new[] { false, true })
                Assert.Equal(expected, TwoPhase(corpus, tasks, reverse));
    }

    [Fact]
    public void Resolution_is_independent_of_how_records_are_split()
    {
        var rng = new Random(3);
        var records = Enumerable.Range(0, 2000).Select(i => new HashRecord((ulong)rng.Next(300), rng.Next(5), i)).ToList();
        var whole = DuplicateResolver.Resolve(records);
        var shuffled = records.OrderBy(_ => rng.Next()).ToList();
        var paths = new List<string>();
        for (int part = 0; part < 3; part++)
        {
            string p = Path.Combine(_dir, $"split{part}.hashes");
            using var w = new HashRecordWriter(p);
            for (int i = part; i < shuffled.Count; i += 3) w.Write(shuffled[i]);
            w.Complete();
            paths.Add(p);
        }
        var split = DuplicateResolver.Resolve(paths);
        Assert.Equal(whole.DistinctCount, split.DistinctCount);
        foreach (var r in records)
            Assert.Equal(whole.IsDuplicate(r.Hash, r.FileIndex, r.Line), split.IsDuplicate(r.Hash, r.FileIndex, r.Line));
        Assert.Equal(records.Select(r => r.Hash).Distinct().Count(), whole.DistinctCount);
    }

    [Fact]
    public void Missing_origin_is_a_clear_error()
    {
        var inputs = new InputFileIndex(["a.jsonl"]);
        var table = DuplicateResolver.Resolve(Array.Empty<HashRecord>());
        var filter = new ExactDedupFilterStep(table, inputs);
        var ex = Assert.Throws<InvalidOperationException>(() => filter.Process(new Document("id7", "x")));
        Assert.Contains("id7", ex.Message);
    }

    [Fact]
    public void Raw_option_keeps_case_variants()
    {
        var step = new ExactDedupStep(new ExactDedupOptions { Normalize = false });
        Assert.Equal(StepResult.Kept, step.Process(new Document("a", "Hello")));
        Assert.Equal(StepResult.Kept, step.Process(new Document("b", "hello")));
        Assert.Equal(StepResult.Drop("exact_duplicate"), step.Process(new Document("c", "Hello")));
    }
}
