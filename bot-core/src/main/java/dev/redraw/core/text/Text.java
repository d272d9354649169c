package dev.redraw.core.text;

/**
 * Every text of the bot, English and simplified Chinese side by side, so no text lacks a
 * translation. {@code {0}}, {@code {1}} … stand for the arguments {@link Messages} fills in; both
 * languages use the same ones.
 */
enum Text {
    MENU_IMAGINE("Make an image from a description", "根据描述生成图片"),
    MENU_EDIT("Edit the photo you reply to", "修改你所回复的图片"),
    MENU_SETTINGS("Default model, aspect ratio and size", "默认模型、画面比例和尺寸"),
    MENU_USAGE("How many images you have made", "查看你已生成的图片数量"),
    MENU_CANCEL("Stop your request in progress", "停止正在进行的请求"),
    MENU_FORGET("Delete your conversations and images", "删除你的对话和图片"),
    MENU_HELP("What the bot can do", "机器人能做什么"),
    MENU_BLEND("Fuse two to five images into one", "将两到五张图片融合成一张"),
    OPTION_PROMPT("What to draw or change", "要画什么或要改什么"),
    OPTION_RATIO("Aspect ratio, like 16:9", "画面比例，例如 16:9"),
    OPTION_MODEL("Image model", "图像模型"),
    OPTION_IMAGE("An image to edit or fuse", "要编辑或融合的图片"),
    OPTION_JOB("The job number shown in the progress message", "进度消息中显示的任务编号"),
    EDIT_IMAGE_COMMAND("Edit image", "编辑图片"),
    RESULT_COMPRESSED(
            "The image was larger than this channel's upload limit, so it is shown re-encoded; 📄 Original sends"
                    + " the full file where it fits.",
            "图片超过了此频道的上传上限，因此显示的是重新编码后的版本；点击 📄 原图 可在允许时获取完整文件。"),
    EMBED_MODEL("Model", "模型"),
    EMBED_RATIO("Ratio", "比例"),
    EMBED_ASKED_BY("Asked by", "请求者"),
    PRIVATE_ON("🔒 Your results are now only visible to you.", "🔒 你的结果现在只有你自己能看到。"),
    PRIVATE_OFF("🔓 Your results are now visible to the channel.", "🔓 你的结果现在对频道内所有人可见。"),

    OPTIONS(
            "--ar <ratio> (16:9, 1:1, 9:16…), --model <id>, --size <1K, 2K or 4K>",
            "--ar <比例>（16:9、1:1、9:16…）、--model <模型 id>、--size <1K、2K 或 4K>"),
    WELCOME(
            "Hi! I'm @{0}. Describe a picture and I'll draw it, or send me a photo with a caption saying what to"
                    + " change.\n\nTry: a red fox in the snow, watercolor\n\n/help shows everything I can do.",
            "你好！我是 @{0}。描述一幅画面，我来把它画出来；也可以发一张图片，并在说明里写上要改什么。\n\n" + "试试：雪地里的一只红狐狸，水彩风格\n\n发送 /help 查看全部功能。"),
    HELP("""
            🎨 @{0} makes and edits images.

            Make an image
            • In this private chat, just send a description: a lighthouse at dusk, oil painting
            • Anywhere, groups too: /imagine a lighthouse at dusk --ar 16:9 --model <id> --size 2K
              {1}. All are optional and may stand anywhere in the prompt.

            Edit and combine
            • Send a photo with a caption saying what to change.
            • Send an album of 2–10 photos with one caption to combine them into one image.
            • Reply to any image of mine with what to change. The edit continues from that image, so \
            every branch remembers its own steps.
            • Reply to any photo with /edit <what to change>.

            Buttons under each image
            {2}: the same request again, for another take
            {3}: say what should change
            {4}: the image as a file, in full quality

            Commands
            /settings: your default model, aspect ratio and size
            /usage: how many images you have made
            /cancel: stop your request in progress
            /forget: delete your conversations and images from the bot""", """
            🎨 @{0} 可以生成和修改图片。

            生成图片
            • 在私聊中直接发送描述即可：黄昏时的灯塔，油画风格
            • 在任何地方（包括群组）：/imagine 黄昏时的灯塔 --ar 16:9 --model <模型 id> --size 2K
              {1}。这些选项都可以省略，也可以写在描述的任意位置。

            修改与合成
            • 发送一张图片，并在说明里写上要改什么。
            • 发送 2–10 张图片组成的相册，配一段说明，把它们合成为一张图。
            • 回复我发出的任意一张图片，写上要改什么。修改会从那张图继续，每个分支都记得自己的每一步。
            • 回复任意一张图片并发送 /edit <要改什么>。

            每张图片下方的按钮
            {2}：用同样的请求再画一次
            {3}：说说要改什么
            {4}：以文件形式获取原始画质的图片

            命令
            /settings：默认模型、画面比例和尺寸
            /usage：查看你已生成的图片数量
            /cancel：停止正在进行的请求
            /forget：从机器人中删除你的对话和图片"""),

    QUEUED_NEXT("⏳ Queued: you're next.", "⏳ 已排队：下一个就是你。"),
    QUEUED_ONE("⏳ Queued: 1 request ahead of yours.", "⏳ 已排队：前面还有 1 个请求。"),
    QUEUED_MANY("⏳ Queued: {0} requests ahead of yours.", "⏳ 已排队：前面还有 {0} 个请求。"),
    GENERATING("🎨 Drawing with {0}…", "🎨 正在用 {0} 绘制…"),
    PROGRESS("🎨 Drawing… {0}%", "🎨 绘制中… {0}%"),
    DONE("✅ Done.", "✅ 完成。"),
    CAPTION_MODEL("\nModel: {0}", "\n模型：{0}"),
    TOO_LONG_PROMPT_NOTE(
            "The prompt was too long for the caption, so the caption shows only its beginning.", "描述太长，图片说明里只显示了开头部分。"),
    REROLL_BUTTON("🔁 Reroll", "🔁 重新生成"),
    EDIT_BUTTON("✏️ Edit", "✏️ 修改"),
    ORIGINAL_BUTTON("📄 Original", "📄 原图"),
    CANCEL_BUTTON("✖️ Cancel", "✖️ 取消"),
    EDIT_PROMPT("What should change?", "要改哪里？"),
    EDIT_PLACEHOLDER("e.g. make the sky purple", "例如：把天空改成紫色"),

    EMPTY_PROMPT(
            "Tell me what to draw: write a description, e.g. /imagine a red fox in the snow.",
            "告诉我要画什么：写一段描述，例如 /imagine 雪地里的一只红狐狸。"),
    IMAGINE_USAGE(
            "Usage: /imagine <description> [--ar 16:9] [--model <id>] [--size 2K]\n{0}.",
            "用法：/imagine <描述> [--ar 16:9] [--model <模型 id>] [--size 2K]\n{0}。"),
    EDIT_NEEDS_REPLY(
            "Use /edit as a reply to a photo or to one of my images: /edit <what to change>.",
            "请用 /edit 回复一张图片或我发出的图片：/edit <要改什么>。"),
    PHOTO_NEEDS_CAPTION(
            "Add a caption to the photo that says what to change, or reply to it with /edit <what to change>.",
            "请在图片说明里写上要改什么，或者回复这张图片并发送 /edit <要改什么>。"),
    NOT_AN_IMAGE(
            "That file isn't an image I can use. Send a photo, or a PNG, JPEG, WEBP or GIF file.",
            "这个文件不是我能使用的图片。请发送图片，或 PNG、JPEG、WEBP、GIF 格式的文件。"),
    ALBUM_TOO_LARGE(
            "You sent {0} photos, but {2} takes at most {1}. Send {1} or fewer.",
            "你发送了 {0} 张图片，但 {2} 最多只接受 {1} 张。请发送不超过 {1} 张。"),
    ALBUM_COLLECTED("📎 Got {0} photos: they go into one request.", "📎 已收到 {0} 张图片，它们将合并为一个请求。"),
    PHOTO_TOO_LARGE(
            "This file is {0}, and Telegram lets bots download files of {1} at most. Send it as a photo instead"
                    + " of a file, or send a smaller file.",
            "这个文件有 {0}，而 Telegram 只允许机器人下载不超过 {1} 的文件。请以图片（而非文件）形式发送，或者发送更小的文件。"),
    UNKNOWN_FLAG("I don't know the option {0}. The options are {1}.", "我不认识选项 {0}。可用的选项有：{1}。"),
    FLAG_NEEDS_VALUE(
            "The option {0} needs a value after it, e.g. --ar 16:9, --model <id> or --size 2K.",
            "选项 {0} 后面需要跟一个值，例如 --ar 16:9、--model <模型 id> 或 --size 2K。"),
    FLAG_REPEATED("The option {0} is given twice. Keep one.", "选项 {0} 出现了两次，请只保留一个。"),
    REFUSED_BEFORE_QUEUE("⚠️ {0}", "⚠️ 请求未被接受：{0}"),

    SETTINGS_TITLE(
            "⚙️ Your defaults for new images\n\nModel: {0}\nAspect ratio: {1}\nSize: {2}\n\nA request's own --ar,"
                    + " --model and --size take precedence. What do you want to change?",
            "⚙️ 新图片的默认设置\n\n模型：{0}\n画面比例：{1}\n尺寸：{2}\n\n请求中写的 --ar、--model 和 --size 优先于这里的设置。要修改哪一项？"),
    MODEL_BUTTON("Model", "模型"),
    RATIO_BUTTON("Aspect ratio", "画面比例"),
    SIZE_BUTTON("Size", "尺寸"),
    RESET_BUTTON("Reset all", "全部恢复默认"),
    CHOOSE_MODEL("Choose the model for your new images:", "选择新图片使用的模型："),
    CHOOSE_RATIO("Choose the aspect ratio for your new images:", "选择新图片的画面比例："),
    CHOOSE_SIZE("Choose the size for your new images:", "选择新图片的尺寸："),
    DEFAULT_CHOICE("the model's default", "模型默认"),
    SETTINGS_SAVED("✅ Saved.", "✅ 已保存。"),
    REMIX_BUTTON_ON("👥 Everyone may use image buttons: on", "👥 所有人都能使用图片按钮：开"),
    REMIX_BUTTON_OFF("👥 Everyone may use image buttons: off", "👥 所有人都能使用图片按钮：关"),
    REMIX_ON(
            "👥 Everyone in this chat may now use the buttons under anyone's images.",
            "👥 现在本聊天中的每个人都可以使用任何人图片下方的按钮了。"),
    REMIX_OFF(
            "👤 From now on, only the person who asked for an image may use its buttons in this chat.",
            "👤 从现在起，本聊天中只有发起请求的人才能使用其图片下方的按钮。"),
    REMIX_NOT_ALLOWED(
            "In this chat only the person who asked for an image may use its buttons. Make your own with /imagine.",
            "在本聊天中，只有发起请求的人才能使用这张图片的按钮。你可以用 /imagine 生成自己的图片。"),
    NOT_ADMIN("Only the chat's administrators can change this.", "只有本聊天的管理员才能修改这项设置。"),

    USAGE_TITLE("📊 Usage", "📊 用量"),
    USAGE_OWN("You made {0} of your {1} images in the last {2}.", "过去 {2}内你已生成 {0} 张图片，额度为 {1} 张。"),
    USAGE_NEXT_FREE(" The oldest frees up at {0}.", "最早的一张将在 {0} 释放额度。"),
    USAGE_ADMIN_OWN(
            "You are an administrator: no limit applies to you. You made {0} images in the last {1}.",
            "你是管理员，不受额度限制。过去 {1}内你生成了 {0} 张图片。"),
    USAGE_EVERYONE(
            "Everyone's images of recent days (day, user, chat, model, images):", "最近几天所有人生成的图片（日期、用户、聊天、模型、张数）："),
    USAGE_NOBODY("Nobody made images in recent days.", "最近几天没有人生成图片。"),
    USAGE_ROW("{0} {1} chat {2} {3} {4}", "{0} {1} 聊天 {2} {3} {4}"),
    WINDOW_DAYS("{0} days", "{0} 天"),
    WINDOW_HOURS("{0} h", "{0} 小时"),
    WINDOW_MINUTES("{0} min", "{0} 分钟"),

    CANCELLED("⏹ Request #{0} is cancelled.", "⏹ 请求 #{0} 已取消。"),
    CANCELLING("⏹ Stopping request #{0}…", "⏹ 正在停止请求 #{0}…"),
    ALREADY_FINISHED("Request #{0} has already finished.", "请求 #{0} 已经完成了。"),
    NOT_YOUR_JOB("Request #{0} is someone else's; you can only cancel your own.", "请求 #{0} 是别人的，你只能取消自己的请求。"),
    JOB_NOT_FOUND("There is no request #{0}.", "没有找到请求 #{0}。"),
    NOTHING_TO_CANCEL("You have no request in progress.", "你没有正在进行的请求。"),
    FORGET_CONFIRM(
            "Delete all your conversations and images from the bot? Replies to old images will no longer work."
                    + " This cannot be undone.",
            "要从机器人中删除你的所有对话和图片吗？之后回复旧图片将不再有效。此操作无法撤销。"),
    FORGET_DONE("🗑 Done: your conversations and images are deleted.", "🗑 已完成：你的对话和图片都已删除。"),
    FORGET_BUSY(
            "You have requests in progress. Wait for them to finish (or /cancel them), then try again.",
            "你还有正在进行的请求。请等它们完成（或用 /cancel 取消）后再试。"),
    FORGET_BUTTON("🗑 Delete everything", "🗑 全部删除"),
    KEEP_BUTTON("Keep", "保留"),
    FORGET_KEPT("Nothing was deleted.", "没有删除任何内容。"),
    REROLLING("🔁 Making another one…", "🔁 正在重新生成…"),
    ORIGINAL_TOO_LARGE(
            "The original is larger than Telegram's 50 MB limit for files, so only the photo can be sent.",
            "原图超过 Telegram 50 MB 的文件上限，只能发送压缩后的图片。"),
    IMAGE_ADJUSTED("ℹ️ {0}", "ℹ️ 图片已自动调整：{0}"),
    JOB_NUMBER("{0}  ·  job #{1}", "{0}  ·  任务 #{1}"),

    IMAGE_GONE("That image is no longer in the bot's history; start a new request.", "这张图片已不在机器人的历史记录中，请发起一个新的请求。"),
    ORIGINAL_MISSING("The original file of this image is no longer available.", "这张图片的原始文件已经找不到了。"),
    RESTART_SORRY(
            "Sorry: the bot restarted while posting this result. If you did not get it, send the request again.",
            "抱歉：机器人在发送这个结果时重启了。如果你没有收到结果，请重新发送请求。"),
    STORAGE_UNAVAILABLE("I can't save anything right now. Try again in a minute.", "我现在无法保存任何内容，请过一分钟再试。"),
    INTERNAL_ERROR(
            "Something went wrong on the bot's side. Try again; if it keeps happening, tell the bot's operator.",
            "机器人内部出错了。请再试一次；如果一直出错，请告诉机器人的运营者。"),

    TEXT_ONLY("💬 The model answered without an image:\n\n{0}", "💬 模型没有生成图片，而是回复了：\n\n{0}"),
    TEXT_ONLY_EMPTY(
            "💬 The model answered without an image, and without any words. Try rephrasing the request.",
            "💬 模型没有生成图片，也没有回复任何文字。请换个说法再试。"),
    REFUSED(
            "The model refused this request under its content policy. Rephrase the prompt or use another image.",
            "模型依据其内容政策拒绝了这个请求。请换个说法，或换一张图片再试。"),
    REJECTED(
            "The image service did not accept this request as it was asked. Change the prompt, the images or the"
                    + " options, and send it again.",
            "这个请求无法按原样处理。请修改描述、图片或选项后重新发送。"),
    UNAUTHORIZED(
            "The image service did not accept the bot's credentials. This is for the bot's operator to fix; there"
                    + " is nothing to change on your side.",
            "图像服务不接受机器人的凭据。这需要机器人的运营者来修复，你这边无需做任何修改。"),
    RATE_LIMITED("The image service is busy right now. Try again in a minute.", "图像服务现在太忙（请求过多）。请过一分钟再试。"),
    QUOTA_EXHAUSTED(
            "The image service's quota is used up for now. Try again later, or ask the bot's operator.",
            "图像服务的额度暂时用完了。请稍后再试，或联系机器人的运营者。"),
    FAILED("The image service failed to make this image. Try again.", "图像服务没能生成这张图片。请再试一次。"),
    DETAILS("\n\nDetails: {0}", "\n\n详情：{0}"),
    JOB_CANCELLED("⏹ Cancelled.", "⏹ 已取消。"),
    INTERRUPTED(
            "🔄 The bot restarted while making this image and could not finish it. Send the request again.",
            "🔄 机器人在生成这张图片时重启了，没能完成。请重新发送请求。");

    final String english;
    final String chinese;

    Text(String english, String chinese) {
        this.english = english;
        this.chinese = chinese;
    }

    /** The text in one language, with {@code {n}} replaced by {@code arguments[n]}. */
    String format(boolean inChinese, Object... arguments) {
        String template = inChinese ? chinese : english;
        StringBuilder text = new StringBuilder(template.length() + 32);
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '{'
                    && i + 2 < template.length()
                    && Character.isDigit(template.charAt(i + 1))
                    && template.charAt(i + 2) == '}') {
                text.append(arguments[template.charAt(i + 1) - '0']);
                i += 2;
            } else {
                text.append(c);
            }
        }
        return text.toString();
    }
}
