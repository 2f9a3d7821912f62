using System.Text;
using System.Xml.Linq;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Baking;

namespace MicroCred.UnitTests.OpenBadges;

public sealed class SvgBadgeTests
{
    private const string Svg = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512">
          <circle cx="256" cy="256" r="200" fill="#0a5"/>
        </svg>
        """;

    private static readonly XNamespace Ob = "http://openbadges.org";
    private static byte[] SvgBytes => Encoding.UTF8.GetBytes(Svg);
    private static string AssertionJson => BadgeJson.Serialize(Fixtures.BasicAssertion);

    [Fact]
    public void Hosted_bake_puts_the_url_and_json_in_the_first_child_and_extracts_them()
    {
        var baked = SvgBadge.BakeHosted(SvgBytes, Fixtures.AssertionUrl, AssertionJson);

        var root = XDocument.Parse(Encoding.UTF8.GetString(baked)).Root!;
        var first = Assert.IsType<XElement>(root.FirstNode);
        Assert.Equal(Ob + "assertion", first.Name);
        Assert.Equal("http://openbadges.org", root.Attribute(XNamespace.Xmlns + "openbadges")?.Value);
        Assert.Contains("<openbadges:assertion verify=\"https://example.org/beths-robotics-badge.json\"><![CDATA[{", Encoding.UTF8.GetString(baked), StringComparison.Ordinal);
        Assert.Single(root.Elements(XName.Get("circle", "http://www.w3.org/2000/svg")));

        var payload = SvgBadge.Extract(baked);
        Assert.Equal(BakedPayloadKind.AssertionJson, payload!.Kind);
        Assert.Equal(AssertionJson, payload.Value);
        Assert.Equal(Fixtures.AssertionUrl, payload.VerifyAttribute);
    }

    [Fact]
    public void Signed_bake_puts_the_jws_in_verify_and_extracts_it()
    {
        var baked = SvgBadge.BakeSigned(SvgBytes, Fixtures.SimpleJwt);

        var payload = SvgBadge.Extract(baked);

        Assert.Equal(BakedPayloadKind.Jws, payload!.Kind);
        Assert.Equal(Fixtures.SimpleJwt, payload.Value);
        var element = XDocument.Parse(Encoding.UTF8.GetString(baked)).Root!.Element(Ob + "assertion")!;
        Assert.True(element.IsEmpty);
    }

    [Fact]
    public void Baking_again_replaces_the_earlier_assertion()
    {
        var once = SvgBadge.BakeHosted(SvgBytes, Fixtures.AssertionUrl, AssertionJson);
        var twice = SvgBadge.BakeSigned(once, Fixtures.SimpleJwt);

        var root = XDocument.Parse(Encoding.UTF8.GetString(twice)).Root!;
        Assert.Single(root.Descendants(Ob + "assertion"));
        Assert.Equal(BakedPayloadKind.Jws, SvgBadge.Extract(twice)!.Kind);
    }

    [Fact]
    public void Json_containing_the_cdata_terminator_survives()
    {
        const string json = """{"narrative":"a]]>b"}""";

        var baked = SvgBadge.BakeHosted(SvgBytes, Fixtures.AssertionUrl, json);

        Assert.Equal(json, SvgBadge.Extract(baked)!.Value);
    }

    [Fact]
    public void An_unbaked_svg_has_no_payload() => Assert.Null(SvgBadge.Extract(SvgBytes));

    [Fact]
    public void An_svg_with_an_external_entity_is_refused_without_reading_it()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "TOP-SECRET-CONTENT");
        try
        {
            var xxe = Encoding.UTF8.GetBytes($"""
                <?xml version="1.0"?>
                <!DOCTYPE svg [<!ENTITY xxe SYSTEM "file://{secret}">]>
                <svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">
                  <openbadges:assertion verify="https://example.org/a">&xxe;</openbadges:assertion>
                </svg>
                """);

            var extract = Assert.Throws<BadgeImageException>(() => SvgBadge.Extract(xxe));
            var bake = Assert.Throws<BadgeImageException>(() => SvgBadge.BakeSigned(xxe, Fixtures.SimpleJwt));

            Assert.Contains("DTD", extract.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("TOP-SECRET", extract.Message, StringComparison.Ordinal);
            Assert.Contains("DTD", bake.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Entity_expansion_bombs_are_refused()
    {
        var bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <svg xmlns="http://www.w3.org/2000/svg">&b;</svg>
            """u8.ToArray();

        Assert.Throws<BadgeImageException>(() => SvgBadge.Extract(bomb));
    }

    [Theory]
    [InlineData("<html xmlns=\"http://www.w3.org/1999/xhtml\"><body/></html>", "not an SVG")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><g></svg>", "not well-formed")]
    [InlineData("not xml at all", "not well-formed")]
    public void Refuses_files_that_are_not_svg(string content, string reason)
    {
        var error = Assert.Throws<BadgeImageException>(() => SvgBadge.BakeSigned(Encoding.UTF8.GetBytes(content), Fixtures.SimpleJwt));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }
}
