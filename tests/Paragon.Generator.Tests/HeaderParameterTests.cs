using System;
using System.Linq;

namespace Paragon.Generator.Tests;

/// <summary>Header parameters the runtime would refuse are not offered as parameters.</summary>
public sealed class HeaderParameterTests
{
    [Fact]
    public void A_content_header_is_a_parameter_only_of_an_operation_that_sends_a_body()
    {
        string spec = """
            openapi: 3.0.3
            info: { title: Blobs, version: "1" }
            paths:
              /blobs/{id}:
                parameters:
                  - { name: id, in: path, required: true, schema: { type: string } }
                  - { name: Content-MD5, in: header, schema: { type: string } }
                get:
                  operationId: blobs.get
                  responses: { "204": { description: none } }
                put:
                  operationId: blobs.put
                  requestBody: { content: { application/octet-stream: { schema: { type: string, format: binary } } } }
                  responses: { "204": { description: none } }
            """;
        GenerationResult result = GeneratorHarness.Run([new SpecFile("/specs/blobs.yaml", spec)]);
        Assert.Empty(result.Errors);
        string client = result.Source("Blobs.Client.g.cs");
        Assert.Contains("BlobsGetAsync(string id, global::System.Threading.CancellationToken cancellationToken = default)", client, StringComparison.Ordinal);
        Assert.Contains("BlobsPutAsync(global::System.IO.Stream body, string id, string? contentMD5 = null,", client, StringComparison.Ordinal);
        Assert.Contains(result.GeneratorDiagnostics, d => d.Id == "PARAGON008" && d.GetMessage().Contains("Content-MD5", StringComparison.Ordinal) && d.GetMessage().Contains("describes a body", StringComparison.Ordinal));
    }
}
