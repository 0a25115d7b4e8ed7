using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paragon.Benchmarks;

// The second hand-written baseline of CallBenchmarks: models that declare the same fields, with the same types, as the
// generated Slack models of the two responses (ChatPostMessageResponse and Message; ConversationsListResponse, Conversation,
// ConversationTopic, ResponseMetadata), read by System.Text.Json's source generator. Against these the typed call's ratio
// measures the funnel and the generated serializer, not how much of Slack's answer the model keeps. Like a careful
// hand-written client they leave out what the generated models add beyond fields: no `required` members (System.Text.Json
// would allocate a BitArray per object to check them) and no extension data (none is sent here, so it would cost nothing).

/// <summary>ChatPostMessageResponse's fields.</summary>
public sealed class HandFullPostResponse
{
    [JsonPropertyName("ok")]
    public bool Ok { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("warning")]
    public string? Warning { get; set; }

    [JsonPropertyName("needed")]
    public string? Needed { get; set; }

    [JsonPropertyName("provided")]
    public string? Provided { get; set; }

    [JsonPropertyName("response_metadata")]
    public HandFullMetadata? ResponseMetadata { get; set; }

    [JsonPropertyName("channel")]
    public string? Channel { get; set; }

    [JsonPropertyName("ts")]
    public string? Ts { get; set; }

    [JsonPropertyName("message")]
    public HandFullMessage? Message { get; set; }
}

/// <summary>Message's fields.</summary>
public sealed class HandFullMessage
{
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("subtype")]
    public string? Subtype { get; set; }

    [JsonPropertyName("ts")]
    public string Ts { get; set; } = "";

    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("bot_id")]
    public string? BotId { get; set; }

    [JsonPropertyName("app_id")]
    public string? AppId { get; set; }

    [JsonPropertyName("username")]
    public string? Username { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("team")]
    public string? Team { get; set; }

    [JsonPropertyName("thread_ts")]
    public string? ThreadTs { get; set; }

    [JsonPropertyName("parent_user_id")]
    public string? ParentUserId { get; set; }

    [JsonPropertyName("reply_count")]
    public long? ReplyCount { get; set; }

    [JsonPropertyName("reply_users_count")]
    public long? ReplyUsersCount { get; set; }

    [JsonPropertyName("reply_users")]
    public List<string>? ReplyUsers { get; set; }

    [JsonPropertyName("latest_reply")]
    public string? LatestReply { get; set; }

    [JsonPropertyName("client_msg_id")]
    public string? ClientMsgId { get; set; }

    [JsonPropertyName("blocks")]
    public List<HandFullBlock>? Blocks { get; set; }

    [JsonPropertyName("attachments")]
    public List<HandFullAttachment>? Attachments { get; set; }

    [JsonPropertyName("files")]
    public List<JsonElement>? Files { get; set; }

    [JsonPropertyName("reactions")]
    public List<HandFullReaction>? Reactions { get; set; }

    [JsonPropertyName("edited")]
    public HandFullEdited? Edited { get; set; }

    [JsonPropertyName("bot_profile")]
    public HandFullBotProfile? BotProfile { get; set; }

    [JsonPropertyName("metadata")]
    public HandFullMessageMetadata? Metadata { get; set; }
}

/// <summary>Block's fields.</summary>
public sealed class HandFullBlock
{
    [JsonPropertyName("type")]
    public string Type { get; set; } = "";

    [JsonPropertyName("block_id")]
    public string? BlockId { get; set; }
}

/// <summary>Attachment's fields.</summary>
public sealed class HandFullAttachment
{
    [JsonPropertyName("id")]
    public long? Id { get; set; }

    [JsonPropertyName("fallback")]
    public string? Fallback { get; set; }

    [JsonPropertyName("color")]
    public string? Color { get; set; }

    [JsonPropertyName("pretext")]
    public string? Pretext { get; set; }

    [JsonPropertyName("author_name")]
    public string? AuthorName { get; set; }

    [JsonPropertyName("author_link")]
    public string? AuthorLink { get; set; }

    [JsonPropertyName("author_icon")]
    public string? AuthorIcon { get; set; }

    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("title_link")]
    public string? TitleLink { get; set; }

    [JsonPropertyName("text")]
    public string? Text { get; set; }

    [JsonPropertyName("fields")]
    public List<HandFullAttachmentField>? Fields { get; set; }

    [JsonPropertyName("image_url")]
    public string? ImageUrl { get; set; }

    [JsonPropertyName("thumb_url")]
    public string? ThumbUrl { get; set; }

    [JsonPropertyName("footer")]
    public string? Footer { get; set; }

    [JsonPropertyName("footer_icon")]
    public string? FooterIcon { get; set; }

    [JsonPropertyName("ts")]
    public JsonElement? Ts { get; set; }

    [JsonPropertyName("blocks")]
    public List<HandFullBlock>? Blocks { get; set; }
}

/// <summary>AttachmentFieldItem's fields.</summary>
public sealed class HandFullAttachmentField
{
    [JsonPropertyName("title")]
    public string? Title { get; set; }

    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("short")]
    public bool? IsShort { get; set; }
}

/// <summary>Reaction's fields.</summary>
public sealed class HandFullReaction
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("count")]
    public long? Count { get; set; }

    [JsonPropertyName("users")]
    public List<string>? Users { get; set; }
}

/// <summary>MessageEdited's fields.</summary>
public sealed class HandFullEdited
{
    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("ts")]
    public string? Ts { get; set; }
}

/// <summary>BotProfile's fields.</summary>
public sealed class HandFullBotProfile
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("app_id")]
    public string? AppId { get; set; }

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("deleted")]
    public bool? Deleted { get; set; }

    [JsonPropertyName("updated")]
    public long? Updated { get; set; }

    [JsonPropertyName("team_id")]
    public string? TeamId { get; set; }

    [JsonPropertyName("icons")]
    public HandFullBotIcons? Icons { get; set; }
}

/// <summary>BotProfileIcons' fields.</summary>
public sealed class HandFullBotIcons
{
    [JsonPropertyName("image_36")]
    public string? Image36 { get; set; }

    [JsonPropertyName("image_48")]
    public string? Image48 { get; set; }

    [JsonPropertyName("image_72")]
    public string? Image72 { get; set; }
}

/// <summary>MessageMetadata's fields.</summary>
public sealed class HandFullMessageMetadata
{
    [JsonPropertyName("event_type")]
    public string? EventType { get; set; }

    [JsonPropertyName("event_payload")]
    public JsonElement? EventPayload { get; set; }

    [JsonPropertyName("entities")]
    public List<JsonElement>? Entities { get; set; }
}

/// <summary>ConversationsListResponse's fields.</summary>
public sealed class HandFullChannels
{
    [JsonPropertyName("ok")]
    public bool Ok { get; set; }

    [JsonPropertyName("error")]
    public string? Error { get; set; }

    [JsonPropertyName("warning")]
    public string? Warning { get; set; }

    [JsonPropertyName("needed")]
    public string? Needed { get; set; }

    [JsonPropertyName("provided")]
    public string? Provided { get; set; }

    [JsonPropertyName("response_metadata")]
    public HandFullMetadata? ResponseMetadata { get; set; }

    [JsonPropertyName("channels")]
    public List<HandFullChannel>? Channels { get; set; }
}

/// <summary>ResponseMetadata's fields.</summary>
public sealed class HandFullMetadata
{
    [JsonPropertyName("next_cursor")]
    public string? NextCursor { get; set; }

    [JsonPropertyName("warnings")]
    public List<string>? Warnings { get; set; }

    [JsonPropertyName("messages")]
    public List<string>? Messages { get; set; }
}

/// <summary>Conversation's fields.</summary>
public sealed class HandFullChannel
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("name")]
    public string? Name { get; set; }

    [JsonPropertyName("name_normalized")]
    public string? NameNormalized { get; set; }

    [JsonPropertyName("is_channel")]
    public bool? IsChannel { get; set; }

    [JsonPropertyName("is_group")]
    public bool? IsGroup { get; set; }

    [JsonPropertyName("is_im")]
    public bool? IsIm { get; set; }

    [JsonPropertyName("is_mpim")]
    public bool? IsMpim { get; set; }

    [JsonPropertyName("is_private")]
    public bool? IsPrivate { get; set; }

    [JsonPropertyName("is_archived")]
    public bool? IsArchived { get; set; }

    [JsonPropertyName("is_general")]
    public bool? IsGeneral { get; set; }

    [JsonPropertyName("is_shared")]
    public bool? IsShared { get; set; }

    [JsonPropertyName("is_ext_shared")]
    public bool? IsExtShared { get; set; }

    [JsonPropertyName("is_org_shared")]
    public bool? IsOrgShared { get; set; }

    [JsonPropertyName("is_pending_ext_shared")]
    public bool? IsPendingExtShared { get; set; }

    [JsonPropertyName("is_member")]
    public bool? IsMember { get; set; }

    [JsonPropertyName("created")]
    public long Created { get; set; }

    [JsonPropertyName("creator")]
    public string? Creator { get; set; }

    [JsonPropertyName("updated")]
    public long? Updated { get; set; }

    [JsonPropertyName("unlinked")]
    public long? Unlinked { get; set; }

    [JsonPropertyName("context_team_id")]
    public string? ContextTeamId { get; set; }

    [JsonPropertyName("user")]
    public string? User { get; set; }

    [JsonPropertyName("is_user_deleted")]
    public bool? IsUserDeleted { get; set; }

    [JsonPropertyName("topic")]
    public HandFullTopic? Topic { get; set; }

    [JsonPropertyName("purpose")]
    public HandFullTopic? Purpose { get; set; }

    [JsonPropertyName("previous_names")]
    public List<string>? PreviousNames { get; set; }

    [JsonPropertyName("num_members")]
    public long? NumMembers { get; set; }

    [JsonPropertyName("priority")]
    public double? Priority { get; set; }

    [JsonPropertyName("shared_team_ids")]
    public List<string>? SharedTeamIds { get; set; }

    [JsonPropertyName("pending_shared")]
    public List<string>? PendingShared { get; set; }

    [JsonPropertyName("locale")]
    public string? Locale { get; set; }
}

/// <summary>ConversationTopic's fields.</summary>
public sealed class HandFullTopic
{
    [JsonPropertyName("value")]
    public string? Value { get; set; }

    [JsonPropertyName("creator")]
    public string? Creator { get; set; }

    [JsonPropertyName("last_set")]
    public long? LastSet { get; set; }
}

[JsonSerializable(typeof(HandFullPostResponse))]
[JsonSerializable(typeof(HandFullChannels))]
internal sealed partial class HandFullJson : JsonSerializerContext;
