using Mediator;
using MicroCred.Application.Features.Recognition;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account;

/// <summary>The signed-in person's credit transcript across organisations, printable.</summary>
public sealed class TranscriptModel(ISender sender) : PageModel
{
    public Transcript Transcript { get; private set; } = default!;
    public IReadOnlyList<RecognizerOption> Recognizers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Transcript = await sender.Send(new GetMyTranscript(), ct);
        Recognizers = await sender.Send(new ListRecognizers(), ct);
    }
}
