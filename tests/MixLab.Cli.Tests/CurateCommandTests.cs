using System.Diagnostics;
using System.Text.Json;

namespace MixLab.Cli.Tests;

/// <summary>End-to-end runs of <c>mixlab curate</c> on the bundled corpus: the example, the licence contract of kept
/// documents, conservation, task-count independence, resume after a kill, formats and bad input.</summary>
public class CurateCommandTests
{
    private static readonly string[] KeptTiers = ["public-domain", "permissive", "government"];

    [Fact]
    public void Example_mixturevitae_preset_writes_output_exclusions_and_stats()
    {
        using var tmp = new TempDir();
        var r = MixlabRunner.Run("curate", CurateOutput.SampleCorpus, "--preset", "mixturevitae", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(tmp.Path, "output"), "*.jsonl.zst"));
        Assert.True(File.Exists(Path.Combine(tmp.Path, "stats.json")));
        Assert.True(File.Exists(Path.Combine(tmp.Path, "manifest.json")));
        Assert.NotEmpty(Directory.GetDirectories(Path.Combine(tmp.Path, "excluded")));

        var kept = CurateOutput.Documents(Path.Combine(tmp.Path, "output"));
        Assert.NotEmpty(kept);
        foreach (var d in kept)
        {
            var license = d.GetProperty("license");
            Assert.Contains(license.GetProperty("tier").GetString(), KeptTiers);
            Assert.True(license.GetProperty("evidence").GetArrayLength() > 0, d.GetProperty("id").GetString());
        }

        var stats = FileChecks.ReadJson(Path.Combine(tmp.Path, "stats.json"));
        long read = stats.GetProperty("documents_read").GetInt64();
        Assert.Equal(read, stats.GetProperty("kept").GetInt64() + stats.GetProperty("dropped").GetInt64());
        Assert.Equal(kept.Count, stats.GetProperty("kept").GetInt64());
        var excluded = CurateOutput.Documents(Path.Combine(tmp.Path, "excluded"));
        Assert.Equal(stats.GetProperty("dropped").GetInt64(), excluded.Count);
        Assert.All(excluded, d => Assert.False(string.IsNullOrEmpty(d.GetProperty("metadata").GetProperty("filter_reason").GetString())));
        // Every step's own counts are conserved too.
        foreach (var step in stats.GetProperty("steps").EnumerateArray())
            Assert.Equal(step.GetProperty("in").GetInt64(), step.GetProperty("kept").GetInt64() + step.GetProperty("dropped").GetInt64());
    }

    [Fact]
    public void Edge_cases_get_the_licence_and_screening_decisions_they_call_for()
    {
        using var tmp = new TempDir();
        var r = MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--preset", "mixturevitae", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var kept = CurateOutput.Documents(Path.Combine(tmp.Path, "output")).ToDictionary(d => d.GetProperty("id").GetString()!);
        var excluded = CurateOutput.Documents(Path.Combine(tmp.Path, "excluded")).ToDictionary(d => d.GetProperty("id").GetString()!);
        string Reason(string id) => excluded[id].GetProperty("metadata").GetProperty("filter_reason").GetString()!;

        Assert.Equal("license_non-commercial", Reason("edge/nc-cc-by-nc"));
        Assert.Equal("license_non-commercial", Reason("edge/nc-german"));
        Assert.Equal("license_no-derivatives", Reason("edge/no-derivatives"));
        Assert.Equal("license_all-rights-reserved", Reason("edge/all-rights-reserved"));
        Assert.StartsWith("license_", Reason("edge/gov-lookalike"));
        Assert.Equal("exact_duplicate", Reason("edge/duplicate-of-rivers"));
        Assert.Equal("gopher_short_doc", Reason("edge/short"));

        Assert.Equal("CC-BY-4.0", kept["edge/cc-by-notice"].GetProperty("license").GetProperty("spdx").GetString());
        Assert.Equal("government", kept["edge/gov-uk"].GetProperty("license").GetProperty("tier").GetString());
        Assert.Contains("edge/essay-rivers", kept.Keys);
        // No licence evidence: not kept under the preset's policy.
        Assert.Equal("license_unknown", Reason("edge/pii"));
    }

    [Fact]
    public void Pii_and_secrets_are_redacted_in_kept_documents()
    {
        using var tmp = new TempDir();
        string config = tmp.Write("screen.yaml", "pipeline:\n  - step: pii\n  - step: secrets\n");
        var r = MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--config", config, "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var kept = CurateOutput.Documents(Path.Combine(tmp["out"], "output")).ToDictionary(d => d.GetProperty("id").GetString()!);
        var pii = kept["edge/pii"];
        string text = pii.GetProperty("text").GetString()!;
        Assert.DoesNotContain("8.8.4.4", text);
        Assert.DoesNotContain("margaret.holloway@example-mail.com", text);
        Assert.DoesNotContain("+44 20 7946 0958", text);
        Assert.Contains("192.168.1.20", text);
        Assert.Contains("pii-redaction", pii.GetProperty("transformations").EnumerateArray().Select(t => t.GetString()));
        Assert.DoesNotContain("AKIA", kept["edge/aws-key"].GetProperty("text").GetString()!);
        var stats = FileChecks.ReadJson(Path.Combine(tmp["out"], "stats.json"));
        var piiStats = stats.GetProperty("steps")[0].GetProperty("stats");
        Assert.True(piiStats.GetProperty("emails_redacted").GetInt64() >= 1);
    }

    [Fact]
    public void Output_is_identical_for_one_two_and_four_tasks_and_for_worker_processes()
    {
        using var tmp = new TempDir();
        string one = tmp["t1"], two = tmp["t2"], four = tmp["t4"], workers = tmp["w"];
        Assert.Equal(0, MixlabRunner.Run("curate", CurateOutput.SampleCorpus, "--out", one).ExitCode);
        var r2 = MixlabRunner.Run("curate", CurateOutput.SampleCorpus, "--tasks", "2", "--out", two);
        Assert.True(r2.ExitCode == 0, r2.ToString());
        // Four tasks run one rank at a time, as separate commands (Slurm style): stats appear after the last one.
        for (int rank = 0; rank < 4; rank++)
        {
            var r = MixlabRunner.Run("curate", CurateOutput.SampleCorpus, "--tasks", "4", "--rank", rank.ToString(), "--stage", "one", "--out", four);
            Assert.True(r.ExitCode == 0, r.ToString());
        }
        for (int rank = 0; rank < 4; rank++)
        {
            var r = MixlabRunner.Run("curate", CurateOutput.SampleCorpus, "--tasks", "4", "--rank", rank.ToString(), "--out", four);
            Assert.True(r.ExitCode == 0, r.ToString());
        }
        var rw = MixlabRunner.Run("curate", CurateOutput.SampleCorpus, "--tasks", "3", "--workers", "2", "--out", workers);
        Assert.True(rw.ExitCode == 0, rw.ToString());
        CurateOutput.AssertSameTree(one, two);
        CurateOutput.AssertSameTree(one, four);
        CurateOutput.AssertSameTree(one, workers);
        Assert.True(File.Exists(Path.Combine(four, "completions", "rank-3-of-4")));
    }

    [Fact]
    public void A_run_without_rank_finishes_what_ranks_began_and_matches_the_one_pass_run()
    {
        // One process without --rank dedups in one pass; ranks take two stages. Four copies of the sample (every
        // document has duplicates in the other inputs): stage one of rank 1 first, then a run without rank finishes
        // the job the two-stage way; both must equal the one-pass run, which keeps no work folder.
        using var tmp = new TempDir();
        string input = tmp["inputs"];
        Directory.CreateDirectory(input);
        for (int i = 0; i < 4; i++) File.Copy(Path.Combine(MixlabRunner.RepoRoot, "samples/corpus/debian-sample.jsonl.zst"), Path.Combine(input, $"part{i}.jsonl.zst"));
        string onePass = tmp["one-pass"], mixed = tmp["mixed"];
        Assert.Equal(0, MixlabRunner.Run("curate", input, "--tasks", "4", "--out", onePass).ExitCode);
        Assert.False(Directory.Exists(Path.Combine(onePass, "work")));
        var dropped = FileChecks.ReadJson(Path.Combine(onePass, "stats.json")).GetProperty("steps").EnumerateArray()
            .Single(s => s.GetProperty("step").GetString() == "exact_dedup").GetProperty("dropped").GetInt64();
        Assert.True(dropped > 0, "the copies must be caught as duplicates");

        var r1 = MixlabRunner.Run("curate", input, "--tasks", "4", "--rank", "1", "--stage", "one", "--out", mixed);
        Assert.True(r1.ExitCode == 0, r1.ToString());
        var r = MixlabRunner.Run("curate", input, "--tasks", "4", "--out", mixed);
        Assert.True(r.ExitCode == 0, r.ToString());
        CurateOutput.AssertSameTree(onePass, mixed);
    }

    [Fact]
    public void A_killed_run_resumed_gives_the_output_of_an_uninterrupted_run()
    {
        using var tmp = new TempDir();
        string input = tmp["inputs"];
        Directory.CreateDirectory(input);
        // Eight inputs, so that a kill lands between and inside inputs.
        for (int i = 0; i < 8; i++) File.Copy(Path.Combine(MixlabRunner.RepoRoot, "samples/corpus/debian-sample.jsonl.zst"), Path.Combine(input, $"part{i}.jsonl.zst"));
        string reference = tmp["reference"], resumed = tmp["resumed"];
        Assert.Equal(0, MixlabRunner.Run("curate", input, "--out", reference).ExitCode);

        foreach (int delayMs in new[] { 700, 1500, 2500 })
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = MixlabRunner.RepoRoot, RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { MixlabRunner.MixlabDll, "curate", input, "--out", resumed }) start.ArgumentList.Add(a);
            using var p = Process.Start(start)!;
            Thread.Sleep(delayMs);
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
        var r = MixlabRunner.Run("curate", input, "--out", resumed);
        Assert.True(r.ExitCode == 0, r.ToString());
        CurateOutput.AssertSameTree(reference, resumed);
        Assert.Empty(Directory.GetFiles(resumed, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Parquet_format_writes_parquet_shards()
    {
        using var tmp = new TempDir();
        var r = MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--format", "parquet", "--out", tmp.Path);
        Assert.True(r.ExitCode == 0, r.ToString());
        var files = Directory.GetFiles(Path.Combine(tmp.Path, "output"), "*.parquet");
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(f)[..4]));
    }

    [Fact]
    public void Bad_records_are_counted_and_kept_in_a_rejects_file_and_the_run_goes_on()
    {
        using var tmp = new TempDir();
        string good = File.ReadLines(Path.Combine(MixlabRunner.RepoRoot, CurateOutput.EdgeCases)).First();
        string input = tmp.Write("bad.jsonl", good + "\n{not json\n{\"id\": \"x\"}\n" + good.Replace("edge/essay-rivers", "copy") + "\n");
        var r = MixlabRunner.Run("curate", input, "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var stats = FileChecks.ReadJson(Path.Combine(tmp["out"], "stats.json"));
        Assert.Equal(2, stats.GetProperty("rejected_records").GetInt64());
        Assert.Equal(2, stats.GetProperty("documents_read").GetInt64());
        var rejects = File.ReadAllLines(Directory.GetFiles(Path.Combine(tmp["out"], "rejects")).Single());
        Assert.Equal(2, rejects.Length);
        var first = JsonDocument.Parse(rejects[0]).RootElement;
        Assert.Equal(2, first.GetProperty("line").GetInt64());
        Assert.EndsWith("bad.jsonl", first.GetProperty("file").GetString());
        Assert.Contains("invalid JSON", first.GetProperty("reason").GetString());
        Assert.Contains("missing text", JsonDocument.Parse(rejects[1]).RootElement.GetProperty("reason").GetString());
    }

    [Fact]
    public void Missing_input_and_bad_config_stop_with_one_line_and_exit_2()
    {
        using var tmp = new TempDir();
        var missing = MixlabRunner.Run("curate", tmp["nope.jsonl"], "--out", tmp["o1"]);
        MixlabRunner.AssertBadInput(missing, "input not found", "nope.jsonl");

        string config = tmp.Write("p.yaml", "pipeline:\n  - step: gopher_quality\n    min_doc_wordz: 3\n");
        var bad = MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--config", config, "--out", tmp["o2"]);
        string line = MixlabRunner.AssertBadInput(bad, "p.yaml:2", "min_doc_wordz");
        Assert.Contains("gopher_quality", line);

        var unknownStep = MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--config", tmp.Write("q.yaml", "pipeline:\n  - step: gopher\n"), "--out", tmp["o3"]);
        MixlabRunner.AssertBadInput(unknownStep, "q.yaml:2", "unknown step 'gopher'");
        Assert.False(Directory.Exists(tmp["o2"]) && Directory.GetFiles(tmp["o2"], "*", SearchOption.AllDirectories).Length > 0);
    }

    [Fact]
    public void A_different_configuration_in_the_same_folder_is_refused_unless_overwrite()
    {
        using var tmp = new TempDir();
        Assert.Equal(0, MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--preset", "fineweb", "--out", tmp.Path).ExitCode);
        var refused = MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--preset", "mixturevitae", "--out", tmp.Path);
        MixlabRunner.AssertBadInput(refused, "another configuration", "--overwrite");
        var replaced = MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--preset", "mixturevitae", "--out", tmp.Path, "--overwrite");
        Assert.True(replaced.ExitCode == 0, replaced.ToString());
        Assert.True(Directory.Exists(Path.Combine(tmp.Path, "excluded", "licensing")));
    }

    [Theory]
    [InlineData("--tasks", "0")]
    [InlineData("--format", "csv")]
    [InlineData("--preset", "dolma")]
    public void Bad_arguments_exit_2(string option, string value)
    {
        using var tmp = new TempDir();
        var r = MixlabRunner.Run("curate", CurateOutput.EdgeCases, option, value, "--out", tmp.Path);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.StderrLines);
    }

    [Fact]
    public void Read_only_pass_counts_documents_without_writing()
    {
        var r = MixlabRunner.Run("curate", CurateOutput.EdgeCases, "--read-only", "--json");
        Assert.True(r.ExitCode == 0, r.ToString());
        var j = JsonDocument.Parse(r.Stdout).RootElement;
        Assert.Equal(File.ReadLines(Path.Combine(MixlabRunner.RepoRoot, CurateOutput.EdgeCases)).Count(l => l.Trim().Length > 0), j.GetProperty("documents").GetInt64());
    }

    [Fact]
    public void A_200_MB_single_document_is_rejected_in_bounded_memory_and_the_next_one_is_read()
    {
        using var tmp = new TempDir();
        string good = File.ReadLines(Path.Combine(MixlabRunner.RepoRoot, CurateOutput.EdgeCases)).First();
        string path = tmp["huge.jsonl"];
        using (var f = new FileStream(path, FileMode.Create))
        {
            f.Write("{\"id\": \"huge\", \"text\": \""u8);
            var block = new byte[1 << 20];
            Array.Fill(block, (byte)'a');
            for (int i = 0; i < 200; i++) f.Write(block);
            f.Write("\"}\n"u8);
            f.Write(System.Text.Encoding.UTF8.GetBytes(good + "\n"));
        }
        var r = MixlabRunner.Run("curate", path, "--config", tmp.Write("p.yaml", "pipeline:\n  - step: pii\n"), "--out", tmp["out"]);
        Assert.True(r.ExitCode == 0, r.ToString());
        var stats = FileChecks.ReadJson(Path.Combine(tmp["out"], "stats.json"));
        Assert.Equal(1, stats.GetProperty("rejected_records").GetInt64());
        Assert.Equal(1, stats.GetProperty("kept").GetInt64());
        var reject = JsonDocument.Parse(File.ReadAllLines(Directory.GetFiles(Path.Combine(tmp["out"], "rejects")).Single()).Single()).RootElement;
        Assert.Equal(1, reject.GetProperty("line").GetInt64());
        Assert.StartsWith("document too long", reject.GetProperty("reason").GetString());
        Assert.True(reject.GetProperty("raw").GetString()!.Length <= 1024);
        var manifest = FileChecks.ReadJson(Path.Combine(tmp["out"], "manifest.json"));
        Assert.Equal(1, manifest.GetProperty("rejected_records").GetInt64());
    }
}
