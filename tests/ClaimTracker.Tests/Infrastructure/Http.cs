using System.Net;
using System.Text.Json;

namespace ClaimTracker.Tests.Infrastructure;

public static class Http
{
    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} returned {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem response with the given status and a non-empty detail, and returns its detail.</summary>
    public static async Task<string> AssertProblemAsync(this HttpClient client, string url, HttpStatusCode status)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"GET {url} returned {(int)response.StatusCode}, expected {(int)status}: {body}");
        Assert.True(response.Content.Headers.ContentType?.MediaType == "application/problem+json",
            $"GET {url} returned content type '{response.Content.Headers.ContentType}' with body '{body}'");
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail;
    }

    /// <summary>
    /// Signs in the way a browser does: fetch the login page for its antiforgery token (and cookie), then post the form.
    /// The client should not follow redirects, so the caller can read where sign-in sends it.
    /// </summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "the login page should carry an antiforgery token");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["email"] = email,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }
}
