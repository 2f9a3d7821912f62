using System.Net;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// The development tools (<c>/dev/mailbox</c>, <c>/dev/fail</c>) exist only in the Development environment and only
/// for a request from this machine: anywhere else they answer 404, whatever the configuration says.
/// </summary>
public static class DevTools
{
    public static bool Available(HttpContext http) =>
        http.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment() && IsLoopback(http.Connection.RemoteIpAddress);

    public static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
