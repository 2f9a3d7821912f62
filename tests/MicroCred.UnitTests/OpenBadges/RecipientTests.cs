using System.Text.Json.Nodes;
using MicroCred.OpenBadges;

namespace MicroCred.UnitTests.OpenBadges;

public sealed class RecipientTests
{
    [Fact]
    public void Hashing_the_fixture_email_and_salt_gives_the_fixture_identity()
    {
        var expected = (string?)Fixtures.BasicAssertion["recipient"]!["identity"];

        var recipient = Recipient.HashedEmail(Fixtures.RecipientEmail, "deadsea");

        Assert.Equal(expected, recipient.Identity);
        Assert.Equal("sha256$ecf5409f3f4b91ab60cc5ef4c02aef7032354375e70cf4d8e43f6a1d29891942", recipient.Identity);
    }

    [Fact]
    public void Identity_json_is_a_hashed_email_with_its_salt()
    {
        var json = Recipient.HashedEmail("Teacher@District.Example ", "abc").ToJson();

        Assert.Equal("email", (string?)json["type"]);
        Assert.True((bool?)json["hashed"]);
        Assert.Equal("abc", (string?)json["salt"]);
        Assert.Equal(Recipient.Sha256Identity("teacher@district.example", "abc"), (string?)json["identity"]);
        Assert.Matches("^sha256\\$[0-9a-f]{64}$", (string?)json["identity"]);
    }

    [Fact]
    public void Fresh_salts_are_32_hex_characters_and_differ()
    {
        var salts = Enumerable.Range(0, 50).Select(_ => Recipient.NewSalt()).ToList();

        Assert.All(salts, s => Assert.Matches("^[0-9a-f]{32}$", s));
        Assert.Equal(salts.Count, salts.Distinct().Count());
    }

    [Theory]
    [InlineData("nobody@example.org", true)]
    [InlineData("NoBody@Example.ORG", true)]
    [InlineData("  nobody@example.org ", true)]
    [InlineData("somebody@example.org", false)]
    [InlineData("", false)]
    public void Checks_an_email_against_the_fixture_recipient(string email, bool matches) =>
        Assert.Equal(matches, Recipient.Matches(Fixtures.BasicAssertion["recipient"], email));

    [Fact]
    public void Accepts_uppercase_hex_and_md5_hashes()
    {
        var upper = new Recipient("email", Recipient.Sha256Identity("a@b.example", "s").ToUpperInvariant().Replace("SHA256", "sha256", StringComparison.Ordinal), true, "s");
        var md5 = new Recipient("email", "md5$" + Convert.ToHexStringLower(System.Security.Cryptography.MD5.HashData("a@b.examples"u8.ToArray())), true, "s");

        Assert.True(upper.Matches("a@b.example"));
        Assert.True(md5.Matches("a@b.example"));
        Assert.False(md5.Matches("c@b.example"));
    }

    [Fact]
    public void Matches_an_issuer_that_hashed_the_email_as_typed()
    {
        var recipient = new Recipient("email", Recipient.Sha256Identity("Mixed@Case.example", "pepper"), true, "pepper");

        Assert.True(recipient.Matches("Mixed@Case.example"));
    }

    [Fact]
    public void Plain_identities_compare_case_insensitively_and_other_types_never_match_an_email()
    {
        var plain = Recipient.FromJson(JsonNode.Parse("""{"type":"email","hashed":false,"identity":"alice@example.org"}"""));
        var url = Recipient.FromJson(JsonNode.Parse("""{"type":"url","hashed":false,"identity":"alice@example.org"}"""));

        Assert.NotNull(plain);
        Assert.True(plain.Matches("ALICE@example.org"));
        Assert.False(plain.Matches("bob@example.org"));
        Assert.False(url!.Matches("alice@example.org"));
        Assert.False(Recipient.Matches(JsonNode.Parse("\"alice@example.org\""), "alice@example.org"));
    }

    [Fact]
    public void Unknown_hash_algorithms_do_not_match()
    {
        var recipient = new Recipient("email", "sha1$" + new string('0', 40), true, null);

        Assert.False(recipient.Matches("alice@example.org"));
    }
}
