using System.Text.RegularExpressions;
using MicroCred.Application.Common;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// Page models that re-render after a refused command reload what the page shows (lists, names) here;
/// what the person typed is still bound, so it stays in the form.
/// </summary>
public interface IReloadable
{
    Task ReloadAsync(CancellationToken ct);
}

/// <summary>
/// Turns refusals from the application layer into what a person expects: field and form messages on the same
/// page with their input kept, a 404 page for an unknown id, a 403 page for a missing role.
/// </summary>
public sealed class RequestErrorsPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is null || executed.ExceptionHandled) return;
        if (executed.HandlerInstance is not PageModel page) return;

        switch (executed.Exception)
        {
            case ValidationFailedException validation:
                foreach (var error in validation.Errors) page.ModelState.AddModelError(Key(page, error.Field), error.Message);
                await Rerender(executed, page);
                break;
            case PublishRefusedException gate:
                // The quality gate's checklist: one line per thing to fix, under the summary sentence.
                page.ModelState.AddModelError("", gate.Message);
                foreach (var problem in gate.Problems) page.ModelState.AddModelError("", problem);
                await Rerender(executed, page);
                break;
            case DomainException refusal:
                page.ModelState.AddModelError(Key(page, refusal.Field), refusal.Message);
                await Rerender(executed, page);
                break;
            case NotFoundException:
                executed.Result = new NotFoundResult();
                executed.ExceptionHandled = true;
                break;
            case ForbiddenException:
                executed.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
                executed.ExceptionHandled = true;
                break;
        }
    }

    private static async Task Rerender(PageHandlerExecutedContext executed, PageModel page)
    {
        executed.ExceptionHandled = true;
        try
        {
            if (page is IReloadable reloadable) await reloadable.ReloadAsync(executed.HttpContext.RequestAborted);
            executed.Result = page.Page();
        }
        catch (NotFoundException)
        {
            // Refused before the handler looked (e.g. validation), about a row this district does not have.
            executed.Result = new NotFoundResult();
        }
    }

    /// <summary>
    /// A request field ("Email", "Prompts[1].Title") is shown on the page's bound <c>Input</c> where it has it, or
    /// on the deepest part of it that exists ("Prompts[1].MaxFileBytes" on <c>Input.Prompts[1]</c>), so the
    /// message sits next to what it is about.
    /// </summary>
    private static string Key(PageModel page, string? field)
    {
        if (string.IsNullOrEmpty(field)) return "";
        var input = page.GetType().GetProperty("Input");
        if (input is not null && Deepest(input.PropertyType, field) is { Length: > 0 } path) return $"Input.{path}";
        return page.GetType().GetProperty(field) is not null ? field : "";
    }

    private static readonly Regex PathToken = new(@"\G(?:\.?(?<name>\w+)|\[(?<index>\d+)\])", RegexOptions.Compiled);

    private static string Deepest(Type type, string field)
    {
        var known = 0;
        foreach (Match token in PathToken.Matches(field))
        {
            if (token.Groups["name"].Success)
            {
                if (type.GetProperty(token.Groups["name"].Value) is not { } property) break;
                type = property.PropertyType;
            }
            else
            {
                var element = type == typeof(string) ? null : type.IsArray ? type.GetElementType() : type.GetInterfaces().Append(type)
                    .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
                if (element is null) break;
                type = element;
            }
            known = token.Index + token.Length;
        }
        return field[..known];
    }
}
