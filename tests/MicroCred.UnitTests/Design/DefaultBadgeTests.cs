using System.Text;
using System.Xml.Linq;
using MicroCred.Application.Features.Design;

namespace MicroCred.UnitTests.Design;

public sealed class DefaultBadgeTests
{
    private static XElement Parse(byte[] svg) => XElement.Parse(Encoding.UTF8.GetString(svg));
    private static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    [Theory]
    [InlineData("Facilitating Productive Discourse", "FPD")]
    [InlineData("Sustaining an Equitable Classroom Culture", "SEC")]
    [InlineData("Going Public with Pedagogy", "GPP")]
    [InlineData("Collective Leadership", "CL")]
    [InlineData("the", "T")]
    [InlineData("  ", "MC")]
    [InlineData("évaluation formative", "ÉF")]
    [InlineData("STEM: 3D printing in grade 5", "S3P")]
    public void Initials_come_from_the_significant_words(string name, string initials) => Assert.Equal(initials, DefaultBadge.Initials(name));

    [Fact]
    public void The_badge_is_deterministic_in_the_districts_colour_with_an_accessible_title()
    {
        var a = DefaultBadge.Svg("Facilitating Productive Discourse", "#1f5f8b");
        Assert.Equal(a, DefaultBadge.Svg("Facilitating Productive Discourse", "#1f5f8b"));
        Assert.Equal(DefaultBadge.Tag(a), DefaultBadge.Tag(DefaultBadge.Svg("Facilitating Productive Discourse", "#1f5f8b")));
        Assert.NotEqual(DefaultBadge.Tag(a), DefaultBadge.Tag(DefaultBadge.Svg("Facilitating Productive Discourse", "#7a3e9d")));

        var svg = Parse(a);
        Assert.Equal(Ns + "svg", svg.Name);
        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("Facilitating Productive Discourse (micro-credential badge)", svg.Element(Ns + "title")!.Value);
        Assert.Equal("#1f5f8b", (string?)svg.Element(Ns + "circle")!.Attribute("fill"));
        Assert.Equal("FPD", svg.Element(Ns + "text")!.Value);
        Assert.Equal("#ffffff", (string?)svg.Element(Ns + "text")!.Attribute("fill")); // white on a dark colour

        // It passes the same checks as an upload.
        var checkedImage = BadgeImageFile.Check(a, null);
        Assert.Equal((512, 512), (checkedImage.Width, checkedImage.Height));
        Assert.Empty(checkedImage.Removed);
    }

    [Fact]
    public void Light_colours_get_dark_initials_and_bad_colours_fall_back_to_the_default()
    {
        Assert.Equal("#1b1f24", (string?)Parse(DefaultBadge.Svg("Light", "#f2e8b0")).Element(Ns + "text")!.Attribute("fill"));
        var injected = Parse(DefaultBadge.Svg("X", "red\" onload=\"alert(1)"));
        Assert.Equal("#1f5f8b", (string?)injected.Element(Ns + "circle")!.Attribute("fill"));
        Assert.DoesNotContain("onload", injected.ToString());
    }

    [Fact]
    public void Names_are_escaped_and_stacks_are_hexagons()
    {
        var svg = Encoding.UTF8.GetString(DefaultBadge.Svg("<script>alert(1)</script> & friends", "#1f5f8b", stack: true));
        Assert.DoesNotContain("<script>", svg);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; friends (stack badge)", svg);
        Assert.NotNull(Parse(Encoding.UTF8.GetBytes(svg)).Element(Ns + "polygon"));
    }
}
