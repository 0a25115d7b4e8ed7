using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Testing;

public static partial class FakeProviders
{
    // Key prefixes of the curated objects (the first three characters of every id Salesforce gives them), and the fields
    // a create must carry: Salesforce refuses the record without them, whatever the API's schema marks as required.
    private static readonly Dictionary<string, (string Prefix, string[] Required)> SalesforceObjects = new(StringComparer.Ordinal)
    {
        ["Account"] = ("001", ["Name"]),
        ["Contact"] = ("003", ["LastName"]),
        ["Lead"] = ("00Q", ["LastName", "Company"]),
        ["Opportunity"] = ("006", ["Name", "StageName", "CloseDate"]),
    };

    /// <summary>
    /// Salesforce's sObject records (<c>/sobjects/{object}</c> and <c>/sobjects/{object}/{id}</c>), kept in memory for
    /// as long as this fake lives, answering as Salesforce does: <c>POST</c> is 201 with <c>{id, success, errors}</c> (an
    /// 18-character id with the object's key prefix: Account 001, Contact 003, Lead 00Q, Opportunity 006, a custom
    /// <c>…__c</c> object a00), <c>GET</c> is 200 with <c>attributes</c> (<c>type</c>, <c>url</c>), <c>Id</c> and the
    /// fields (only those named in <c>fields</c>, when given, besides those two), <c>PATCH</c> sets the fields it sends and is 204, <c>DELETE</c>
    /// is 204. An error is an array of <c>{message, errorCode, fields}</c>: 404 <c>NOT_FOUND</c> for an id that is not a
    /// record of that object, 404 <c>ENTITY_IS_DELETED</c> to update or delete a deleted one, 400
    /// <c>REQUIRED_FIELD_MISSING</c> for a create without the object's required fields (Account: Name), 400
    /// <c>JSON_PARSER_ERROR</c> for a body that is not a JSON object. Records are not kept per user.
    /// </summary>
    /// <returns>The fake, with no records yet.</returns>
    public static FakeProvider Salesforce()
    {
        object gate = new();
        var records = new Dictionary<string, (string Object, JsonObject Fields)>(StringComparer.Ordinal);
        var deleted = new HashSet<string>(StringComparer.Ordinal);
        int created = 0;
        return request =>
        {
            lock (gate)
            {
                return ValueTask.FromResult(SalesforceRecord(request, records, deleted, ref created));
            }
        };
    }

    private static FakeResponse SalesforceRecord(FakeRequest request, Dictionary<string, (string Object, JsonObject Fields)> records, HashSet<string> deleted, ref int created)
    {
        string[] segments = request.Path.Split('/');
        if (segments.Length is < 3 or > 4 || segments[0].Length != 0 || segments[1] != "sobjects" || Prefix(segments[2]) is not { } prefix)
        {
            return SalesforceError(404, "NOT_FOUND", "The requested resource does not exist");
        }

        string sObject = segments[2];
        if (segments.Length == 3)
        {
            if (request.Method != "POST")
            {
                return SalesforceError(405, "METHOD_NOT_ALLOWED", $"HTTP Method '{request.Method}' not allowed. Allowed are HEAD,GET,POST");
            }

            if (SalesforceFields(request) is not { } fields)
            {
                return SalesforceError(400, "JSON_PARSER_ERROR", "The request body is not a JSON object");
            }

            string[] missing = SalesforceObjects.TryGetValue(sObject, out var known)
                ? [.. known.Required.Where(f => fields[f] is null || (fields[f]!.GetValueKind() == JsonValueKind.String && fields[f]!.GetValue<string>().Length == 0))]
                : [];
            if (missing.Length > 0)
            {
                return SalesforceError(400, "REQUIRED_FIELD_MISSING", $"Required fields are missing: [{string.Join(", ", missing)}]", missing);
            }

            // 15 characters of case-sensitive id, then 3 of checksum; a counter keeps ids unique and in creation order.
            string id = prefix + (++created).ToString("D12", CultureInfo.InvariantCulture) + "AAA";
            records[id] = (sObject, fields);
            return FakeResponse.Json(new JsonObject { ["id"] = id, ["success"] = true, ["errors"] = new JsonArray() }, 201);
        }

        string recordId = segments[3];
        bool found = records.TryGetValue(recordId, out var record) && record.Object == sObject;
        switch (request.Method)
        {
            case "GET" when found:
                string[]? only = request.QueryValue("fields")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                // attributes and Id come whatever fields were asked for, as Salesforce answers.
                var answer = new JsonObject
                {
                    ["attributes"] = new JsonObject { ["type"] = sObject, ["url"] = "/services/data/v62.0/sobjects/" + sObject + "/" + recordId },
                    ["Id"] = recordId,
                };
                foreach (KeyValuePair<string, JsonNode?> field in record.Fields)
                {
                    if (only is null || only.Contains(field.Key, StringComparer.OrdinalIgnoreCase))
                    {
                        answer[field.Key] = field.Value?.DeepClone();
                    }
                }

                return FakeResponse.Json(answer);
            case "PATCH" when found:
                if (SalesforceFields(request) is not { } changes)
                {
                    return SalesforceError(400, "JSON_PARSER_ERROR", "The request body is not a JSON object");
                }

                foreach (KeyValuePair<string, JsonNode?> change in changes)
                {
                    record.Fields[change.Key] = change.Value?.DeepClone();
                }

                return FakeResponse.Empty(204);
            case "DELETE" when found:
                records.Remove(recordId);
                deleted.Add(recordId);
                return FakeResponse.Empty(204);
            case "GET" or "PATCH" or "DELETE":
                // A deleted record sits in the Recycle Bin: reading it is "not found", changing it says why it cannot be.
                return request.Method != "GET" && deleted.Contains(recordId)
                    ? SalesforceError(404, "ENTITY_IS_DELETED", "entity is deleted")
                    : SalesforceError(404, "NOT_FOUND", "The requested resource does not exist");
            default:
                return SalesforceError(405, "METHOD_NOT_ALLOWED", $"HTTP Method '{request.Method}' not allowed. Allowed are HEAD,GET,PATCH,DELETE");
        }

        static string? Prefix(string sObject) =>
            SalesforceObjects.TryGetValue(sObject, out var known) ? known.Prefix : sObject.EndsWith("__c", StringComparison.Ordinal) && sObject.Length > 3 ? "a00" : null;
    }

    /// <summary>The body's fields, or <see langword="null"/> when it is not a JSON object. <c>Id</c> and <c>attributes</c> are Salesforce's, not the caller's.</summary>
    private static JsonObject? SalesforceFields(FakeRequest request)
    {
        JsonObject? fields;
        try
        {
            fields = JsonNode.Parse(request.Body) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        fields?.Remove("Id");
        fields?.Remove("attributes");
        return fields;
    }

    private static FakeResponse SalesforceError(int status, string code, string message, string[]? fields = null) =>
        FakeResponse.Json(new JsonArray(new JsonObject { ["message"] = message, ["errorCode"] = code, ["fields"] = new JsonArray([.. (fields ?? []).Select(f => (JsonNode?)f)]) }), status);
}
