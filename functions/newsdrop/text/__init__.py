"""Pure text processing, one module per stage. Nothing here touches AWS."""
