namespace Paragon.Generator.Model;

/// <summary>The runtime's paging strategies (<c>Paragon.Paging.ParagonPaging</c>'s factories).</summary>
internal enum PagingKind
{
    Cursor,
    NextUrl,
    LinkHeader,
    Offset,
    Page,
}
