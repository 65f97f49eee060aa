/**
 * The labels of the timeline events' documents (附件 of 股权变更, 产业协议…), in Simplified Chinese (the default)
 * and English; messages.ts spreads both into its dictionaries. Pure module (no DOM).
 */
export const EVENT_DOCUMENT_MESSAGES_ZH = {
  'eventDocuments.file': '附件（可选）',
  'eventDocuments.choose': '选择文件',
  'eventDocuments.noFile': '未选择文件',
  'eventDocuments.clear': '不附文件',
  'eventDocuments.hint': '支持 PDF、JPEG、PNG、Word（.docx）、Excel（.xlsx），每个不超过 10 MB',
  'eventDocuments.attachments': '附件',
  'eventDocuments.attach': '添加附件',
  'eventDocuments.uploading': '正在上传…',
  'eventDocuments.download': '下载 {filename}（{size}）',
  'eventDocuments.delete': '删除',
  'eventDocuments.deleteLabel': '删除附件 {filename}',
  'eventDocuments.confirmDelete': '确定删除附件“{filename}”？动态信息本身保留。',
  'eventDocuments.tooLarge': '文件超过 10 MB，请压缩后再上传',
  'eventDocuments.failed': '附件操作失败：{message}',
  'eventDocuments.savedWithFile': '已添加到动态信息，附件已上传',
  'eventDocuments.savedUploadFailed':
    '动态信息已保存，但附件上传失败：{message}。可在下方动态信息中为该条目重新添加附件。',
  'eventDocuments.audit.entity': '动态信息附件',
} as const;

export const EVENT_DOCUMENT_MESSAGES_EN: Record<keyof typeof EVENT_DOCUMENT_MESSAGES_ZH, string> = {
  'eventDocuments.file': 'Attachment (optional)',
  'eventDocuments.choose': 'Choose a file',
  'eventDocuments.noFile': 'No file chosen',
  'eventDocuments.clear': 'No attachment',
  'eventDocuments.hint': 'PDF, JPEG, PNG, Word (.docx) or Excel (.xlsx), at most 10 MB each',
  'eventDocuments.attachments': 'Attachments',
  'eventDocuments.attach': 'Attach a file',
  'eventDocuments.uploading': 'Uploading…',
  'eventDocuments.download': 'Download {filename} ({size})',
  'eventDocuments.delete': 'Delete',
  'eventDocuments.deleteLabel': 'Delete the attachment {filename}',
  'eventDocuments.confirmDelete': 'Delete the attachment “{filename}”? The event itself stays.',
  'eventDocuments.tooLarge': 'The file is over 10 MB; compress it and try again',
  'eventDocuments.failed': 'The attachment could not be handled: {message}',
  'eventDocuments.savedWithFile': 'Added to the timeline, with its attachment',
  'eventDocuments.savedUploadFailed':
    'The event is saved, but its attachment could not be uploaded: {message}. Attach it again on the timeline below.',
  'eventDocuments.audit.entity': 'Timeline event attachment',
};
