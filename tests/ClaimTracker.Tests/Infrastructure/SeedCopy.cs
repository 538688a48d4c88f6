using System.Text.Json;
using System.Text.Json.Nodes;
using ClaimTracker.Web.Data.Seeding;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// A copy of the real seed folder in a temp directory, with its JSON open for editing, so that a test can
/// corrupt exactly one thing and see what the loader says about it.
/// </summary>
public sealed class SeedCopy : IDisposable
{
    private readonly TempDirectory _dir = new();

    public SeedCopy()
    {
        foreach (var file in Directory.GetFiles(TestSeeds.Folder))
        {
            File.Copy(file, _dir.File(System.IO.Path.GetFileName(file)));
        }
        Root = JsonNode.Parse(File.ReadAllText(SeedFile))!.AsObject();
    }

    public string Path => _dir.Path;
    public string SeedFile => _dir.File(SeedLoader.SeedFileName);
    public JsonObject Root { get; }

    public JsonObject Entry(string section, string key) =>
        Root[section]!.AsArray().Single(e => (string?)e!["key"] == key)!.AsObject();

    public int IndexOf(string section, string key) =>
        Root[section]!.AsArray().Select((e, i) => (Key: (string?)e!["key"], i)).Single(x => x.Key == key).i;

    public JsonObject Attribution(string key) => Entry("attributions", key);

    public string TextFile(string sourceKey) => _dir.File((string)Entry("sources", sourceKey)["textFile"]!);

    /// <summary>Writes the edited JSON back, keeping the file's indented layout.</summary>
    public SeedCopy Save()
    {
        File.WriteAllText(SeedFile, Root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return this;
    }

    public SeedDataException LoadFails() => Assert.Throws<SeedDataException>(() => SeedLoader.Load(Path));

    public void Dispose() => _dir.Dispose();
}
