using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Runtime.Tests;

/// <summary>What a successful response carries back: the provider's body as sent, and its content headers.</summary>
public sealed class RawResponseTests(ProxyFixture fixture) : IClassFixture<ProxyFixture>
{
    [Fact]
    public async Task With_raw_responses_a_body_shaped_like_the_envelope_is_returned_exactly_as_sent()
    {
        using ParagonClient client = fixture.Client();
        using ParagonResponse response = await client.ForUser("u-raw").RequestAsync("status", "/200?shape=output");
        Assert.Equal("1", fixture.Proxy.LastRequest.Header("X-Paragon-Use-Raw-Response"));
        Assert.Equal("""{"output":1}""", response.ReadAsString());
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
    }

    [Fact]
    public async Task Without_raw_responses_the_envelope_Paragon_adds_is_removed_and_the_providers_body_remains()
    {
        using ParagonClient client = fixture.Client(o => o.UseRawResponse = false);
        using ParagonResponse response = await client.ForUser("u-wrapped").RequestAsync("status", "/200?shape=output");
        Assert.Null(fixture.Proxy.LastRequest.Header("X-Paragon-Use-Raw-Response"));
        Assert.Equal("""{"output":1}""", response.ReadAsString());
    }

    [Fact]
    public async Task The_content_type_is_read_before_the_response_is_released()
    {
        // The handler hands back content that forgets its headers when disposed, as any HttpContent may.
        using var http = new HttpClient(new ForgetfulHandler { InnerHandler = new HttpClientHandler() });
        using var client = new ParagonClient(fixture.Options(), http);
        using ParagonResponse response = await client.ForUser("u-content-type").RequestAsync("echo", "/content-type");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
    }

    private sealed class ForgetfulHandler : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            response.Content = new ForgetfulContent(response.Content);
            return response;
        }
    }

    private sealed class ForgetfulContent : HttpContent
    {
        private readonly HttpContent _inner;

        public ForgetfulContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Headers.ContentType = null;
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
