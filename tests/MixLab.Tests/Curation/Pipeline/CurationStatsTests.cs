using MixLab.Curation.Pipeline;

namespace MixLab.Tests.Curation.Pipeline;

public sealed class CurationStatsTests
{
    private static CurationStats Sample(long read, long kept, string reason, long dropped)
    {
        var s = new CurationStats { DocumentsRead = read, Kept = kept, Rejected = 1, InputChars = 10 * read, KeptChars = 10 * kept };
        var step = s.Step("gopher_quality");
        step.In = read;
        step.Kept = kept;
        step.Dropped[reason] = dropped;
        s.KeptByTier["permissive"] = kept;
        return s;
    }

    [Fact]
    public void Json_round_trip_keeps_every_count()
    {
        var s = Sample(10, 7, "gopher_short_doc", 3);
        s.Step("pii").Extra["emails"] = 4;
        var back = CurationStats.FromJson(s.ToJson());
        Assert.Equal(s.ToJson(), back.ToJson());
        Assert.Equal(4, back.Steps[1].Extra["emails"]);
    }

    [Fact]
    public void Merging_adds_counts_by_step_and_reason_and_conserves_documents()
    {
        var total = new CurationStats();
        total.Add(Sample(10, 7, "gopher_short_doc", 3));
        total.Add(Sample(5, 1, "gopher_long_doc", 4));
        Assert.Equal(15, total.DocumentsRead);
        Assert.Equal(8, total.Kept);
        Assert.Equal(2, total.Rejected);
        Assert.Equal(total.DocumentsRead, total.Kept + total.Dropped);
        Assert.Equal(3, total.Steps[0].Dropped["gopher_short_doc"]);
        Assert.Equal(4, total.Steps[0].Dropped["gopher_long_doc"]);
        Assert.Equal(8, total.KeptByTier["permissive"]);
    }

    [Fact]
    public void Timings_round_trip_and_add_up_over_inputs()
    {
        var a = Sample(10, 7, "gopher_short_doc", 3);
        a.ReadSeconds = 1.25;
        a.WriteSeconds = 0.5;
        a.Steps[0].Seconds = 2.0;
        a.Steps[0].ExclusionWriteSeconds = 0.125;
        var b = CurationStats.FromJson(a.ToJson());
        Assert.Equal(1.25, b.ReadSeconds);
        Assert.Equal(0.125, b.Steps[0].ExclusionWriteSeconds);
        var total = new CurationStats();
        total.Add(a);
        total.Add(b);
        Assert.Equal(2.5, total.ReadSeconds);
        Assert.Equal(1.0, total.WriteSeconds);
        Assert.Equal(4.0, total.Steps[0].Seconds);
        // Files written before timings existed still read.
        var old = CurationStats.FromJson(a.ToJson().Replace("\"read_seconds\"", "\"x_r\"").Replace("\"seconds\"", "\"x_s\""));
        Assert.Equal(0, old.ReadSeconds);
        Assert.Equal(0, old.Steps[0].Seconds);
    }

    [Theory]
    [InlineData(3, "shards/wiki.jsonl.zst", "00003-wiki")]
    [InlineData(0, "a b/c d.parquet", "00000-c_d")]
    [InlineData(12, "/data/folder/", "00012-folder")]
    public void Output_stems_depend_on_input_position_and_name_only(int index, string path, string stem) =>
        Assert.Equal(stem, OutputLayout.Stem(index, path));
}
