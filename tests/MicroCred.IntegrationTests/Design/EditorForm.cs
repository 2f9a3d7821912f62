using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using MicroCred.IntegrationTests.Infrastructure;

namespace MicroCred.IntegrationTests.Design;

/// <summary>
/// A form as a browser would submit it: every successful control of the page's form, in order (ticked boxes
/// only, selected options), which a test then changes like a person typing.
/// </summary>
public sealed class EditorForm
{
    private readonly List<KeyValuePair<string, string>> fields;

    private EditorForm(IDocument page, IHtmlFormElement form, string action, List<KeyValuePair<string, string>> fields)
    {
        Page = page;
        Form = form;
        Action = action;
        this.fields = fields;
    }

    public IDocument Page { get; }
    public IHtmlFormElement Form { get; }
    /// <summary>The form's action, a path with its handler.</summary>
    public string Action { get; }

    public static async Task<EditorForm> OpenAsync(HttpSession session, string url, string formSelector = "form[data-design-form]") =>
        Of(await session.PageAsync(url), formSelector, url);

    /// <summary>The form on a page; <paramref name="url"/> is where it posts when it has no action of its own.</summary>
    public static EditorForm Of(IDocument page, string formSelector = "form[data-design-form]", string? url = null)
    {
        var form = page.QuerySelector<IHtmlFormElement>(formSelector) ?? throw new InvalidOperationException($"No {formSelector} on the page.");
        var list = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement { Name: "__RequestVerificationToken" }:
                    break; // added when posting
                case IHtmlInputElement input when !string.IsNullOrEmpty(input.Name) && input.Type is not ("submit" or "button"):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked) break;
                    list.Add(new(input.Name, input.Type is "checkbox" or "radio" ? input.GetAttribute("value") ?? "on" : input.Value));
                    break;
                case IHtmlTextAreaElement area when !string.IsNullOrEmpty(area.Name):
                    list.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !string.IsNullOrEmpty(select.Name):
                    foreach (var option in select.Options.Where(o => o.IsSelected)) list.Add(new(select.Name, option.Value));
                    break;
            }
        }
        var action = form.GetAttribute("action") is { Length: > 0 } a ? a : url ?? throw new InvalidOperationException("The form has no action: pass the page's URL.");
        return new EditorForm(page, form, action, list);
    }

    public string? this[string name] => fields.FirstOrDefault(f => f.Key == name).Value;

    public IReadOnlyList<string> All(string name) => fields.Where(f => f.Key == name).Select(f => f.Value).ToList();

    /// <summary>Replaces the field's value (or adds the field).</summary>
    public EditorForm Set(string name, string value)
    {
        var index = fields.FindIndex(f => f.Key == name);
        fields.RemoveAll(f => f.Key == name);
        fields.Insert(index < 0 ? fields.Count : index, new(name, value));
        return this;
    }

    /// <summary>Ticks one more box of a group (repeated keys).</summary>
    public EditorForm Tick(string name, string value)
    {
        fields.Add(new(name, value));
        return this;
    }

    public EditorForm Untick(string name, string value)
    {
        fields.RemoveAll(f => f.Key == name && f.Value == value);
        return this;
    }

    /// <summary>Swaps two rows, as moving one up would: "Input.Prompts[0]." and "Input.Prompts[1].".</summary>
    public EditorForm Swap(string prefixA, string prefixB)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            var key = fields[i].Key;
            if (key.StartsWith(prefixA, StringComparison.Ordinal)) fields[i] = new(prefixB + key[prefixA.Length..], fields[i].Value);
            else if (key.StartsWith(prefixB, StringComparison.Ordinal)) fields[i] = new(prefixA + key[prefixB.Length..], fields[i].Value);
        }
        return this;
    }

    /// <summary>Drops every field whose name starts with the prefix (a removed row).</summary>
    public EditorForm RemoveAll(string prefix)
    {
        fields.RemoveAll(f => f.Key.StartsWith(prefix, StringComparison.Ordinal));
        return this;
    }

    public async Task<HttpResponseMessage> PostAsync(HttpSession session, string? handler = null)
    {
        var action = handler is null ? Action : Action.Split('?')[0] + "?handler=" + handler;
        var token = HttpSession.TokenOf(Page) ?? throw new InvalidOperationException("No antiforgery token.");
        return await session.PostAsync(WebUtility.HtmlDecode(action), fields, token);
    }
}
