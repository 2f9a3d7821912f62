using MicroCred.Domain.Tenancy;

namespace MicroCred.Web.ViewComponents;

/// <summary>A page in the district menu.</summary>
public sealed record MenuLink(string Text, string Href)
{
    /// <summary>The page itself or a page under it (a submission under "Work to score").</summary>
    public bool Covers(string path) =>
        path.Equals(Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(Href + "/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>A top-level entry of the district menu: the pages one role works with.</summary>
public sealed record MenuGroup(string Name, IReadOnlyList<MenuLink> Links);

/// <summary>
/// The district menu, grouped by what a person does (learning, designing, assessing, issuing, recognizing, running the
/// district) so that each person sees only the groups their roles in this district use. The one place that names the
/// district's pages in the menu: names say what each page is, so no two read alike.
/// </summary>
public static class SiteMenu
{
    /// <param name="issuesCredentials">False for an organisation that only recognizes credit: no catalog, no assessment or issuing pages.</param>
    public static IReadOnlyList<MenuGroup> For(string slug, DistrictRole roles, bool issuesCredentials)
    {
        var d = "/" + slug;
        var groups = new List<MenuGroup>();
        void Add(string name, params MenuLink?[] links)
        {
            var present = links.OfType<MenuLink>().ToList();
            if (present.Count > 0) groups.Add(new MenuGroup(name, present));
        }
        bool Has(DistrictRole role) => roles.HasFlag(role);
        var admin = Has(DistrictRole.Admin);
        var issuing = issuesCredentials;

        Add("My learning",
            Has(DistrictRole.Earner) ? new MenuLink("My credentials and plan", $"{d}/evidence") : null,
            Has(DistrictRole.Earner) ? new MenuLink("My evidence files", $"{d}/evidence/files") : null);
        Add("Designing",
            Has(DistrictRole.Developer) ? new MenuLink("Design workspace", $"{d}/design") : null,
            Has(DistrictRole.Developer) ? new MenuLink("Stacks", $"{d}/design/stacks") : null,
            Has(DistrictRole.Developer) ? new MenuLink("Design settings", $"{d}/design/settings") : null);
        Add("Assessing",
            Has(DistrictRole.Assessor) ? new MenuLink("Work to score", $"{d}/assessment") : null,
            admin && issuing ? new MenuLink("Assessment oversight", $"{d}/assessment/admin") : null,
            admin && issuing ? new MenuLink("Assessor qualifications", $"{d}/assessment/admin/qualifications") : null,
            admin && issuing ? new MenuLink("Calibration anchors", $"{d}/assessment/admin/anchors") : null,
            admin && issuing ? new MenuLink("Reliability of scoring", $"{d}/assessment/admin/reliability") : null);
        Add("Issuing",
            Has(DistrictRole.Issuer) ? new MenuLink("Decisions to make", $"{d}/issuing/decisions") : null,
            Has(DistrictRole.Issuer) ? new MenuLink("Issued badges", $"{d}/issuing") : null,
            Has(DistrictRole.Issuer) ? new MenuLink("Issue a badge", $"{d}/issuing/issue") : null,
            Has(DistrictRole.Issuer) ? new MenuLink("Import badges", $"{d}/issuing/import") : null,
            Has(DistrictRole.Issuer) ? new MenuLink("Signing keys", $"{d}/issuing/keys") : null);
        Add("Recognition",
            Has(DistrictRole.Recognizer) ? new MenuLink("Credit requests", $"{d}/recognition") : null,
            Has(DistrictRole.Recognizer) ? new MenuLink("Recognition rules", $"{d}/recognition/rules") : null,
            Has(DistrictRole.Recognizer) ? new MenuLink("Credit types", $"{d}/recognition/credit-types") : null);
        Add("District admin",
            admin ? new MenuLink("Members", $"{d}/admin/members") : null,
            admin && issuing ? new MenuLink("Schools", $"{d}/assessment/admin/schools") : null,
            admin && issuing ? new MenuLink("District policies", $"{d}/admin/policies") : null,
            admin ? new MenuLink("District settings", $"{d}/admin/settings") : null,
            admin && issuing ? new MenuLink("Recommended micro-credentials", $"{d}/evidence/recommendations") : null,
            // An Admin who is not also a Developer sets the district's rubric levels here.
            admin && issuing && !Has(DistrictRole.Developer) ? new MenuLink("Design settings", $"{d}/design/settings") : null,
            admin ? new MenuLink("Reports", $"{d}/admin/reports") : null,
            admin ? new MenuLink("Audit trail", $"{d}/admin/audit") : null);
        return groups;
    }

    /// <summary>The menu entry for the page at <paramref name="path"/>: the most specific one that covers it, if any.</summary>
    public static MenuLink? Current(IEnumerable<MenuLink> links, string path) =>
        links.Where(l => l.Covers(path)).MaxBy(l => l.Href.Length);
}
