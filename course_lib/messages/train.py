"""Messages of training (Days 23–28): the loop, evaluation, checkpoints and the `train` command."""

MESSAGES = {
    "train_help": {
        "az": "Tokenizatordan nümunələrə qədər: korpus üzərində tokenizatoru öyrədir, GPT modelini təlim edir, "
              "checkpoint saxlayır və sonda bir neçə sətir mətn yaradır.",
        "en": "Tokenizer to samples: trains a tokenizer on the corpus, trains the GPT, saves checkpoints "
              "and prints a few generated lines at the end.",
    },
    "train_help_profile": {
        "az": "avadanlıq profili (auto: avadanlığa görə seçilir)",
        "en": "hardware profile (auto: picked from the hardware)",
    },
    "train_help_corpus": {
        "az": "mətn faylı və ya qovluğu (standart: kursla gələn korpus)",
        "en": "a text file or folder (default: the corpus shipped with the course)",
    },
    "train_help_max_steps": {
        "az": "bu addımda (optimallaşdırıcı addımı) dayan; standart: profilin addım sayı",
        "en": "stop after this optimizer step; default: the profile's number of steps",
    },
    "train_help_schedule_steps": {
        "az": "öyrənmə sürəti cədvəlinin (warmup + kosinus) uzunluğu; standart: profilin addım sayı ilə "
              "--max-steps-dən böyük olanı. Davam edəndə (--resume) checkpoint-dəki qiymət götürülür",
        "en": "length of the learning-rate schedule (warmup + cosine); default: the larger of the profile's "
              "steps and --max-steps. On --resume the checkpoint's value is used",
    },
    "train_help_out_dir": {
        "az": "nəticələr qovluğu (metrics.jsonl, loss.png, checkpoints/); standart: $COURSE_RUNS_DIR/<profil>, "
              "o təyin olunmayıbsa <data>/runs/<profil>",
        "en": "output folder (metrics.jsonl, loss.png, checkpoints/); default: $COURSE_RUNS_DIR/<profile>, "
              "else <data>/runs/<profile>",
    },
    "train_help_resume": {
        "az": "qovluqdakı son checkpoint-dən davam et",
        "en": "continue from the newest checkpoint in the output folder",
    },
    "train_help_lr": {"az": "maksimal öyrənmə sürəti (standart: profildən)", "en": "peak learning rate "
                      "(default: from the profile)"},
    "train_help_seed": {"az": "təsadüfi ədədlər üçün toxum (seed)", "en": "random seed"},
    "train_help_lang": {"az": "mesajların dili", "en": "language of the messages"},
    "train_fp16_ignored": {
        "az": "Diqqət: {precision} qarışıq dəqiqliyi {device} üzərində işləmir (accelerate onu səssizcə "
              "söndürür): təlim fp32 ilə aparılacaq.",
        "en": "Note: {precision} mixed precision does not run on {device} (accelerate silently drops it): "
              "training runs in fp32.",
    },
    "train_model_size": {
        "az": "Model: {n:,} parametr ({millions:.2f}M), lüğət {vocab_size} token",
        "en": "Model: {n:,} parameters ({millions:.2f}M), vocabulary of {vocab_size} tokens",
    },
    "train_plan": {
        "az": "Plan: {start} → {stop} addım (öyrənmə sürəti cədvəli {schedule} addım, warmup {warmup}), "
              "hər addımda {tokens:,} token, {processes} proses. Qovluq: {out_dir}",
        "en": "Plan: steps {start} → {stop} (learning-rate schedule {schedule} steps, warmup {warmup}), "
              "{tokens:,} tokens per step, {processes} process(es). Folder: {out_dir}",
    },
    "train_resumed": {
        "az": "Checkpoint-dən davam edirik: {path} (addım {step})",
        "en": "Resuming from checkpoint {path} (step {step})",
    },
    "train_no_checkpoint": {
        "az": "--resume: {out_dir} qovluğunda checkpoint yoxdur, təlim sıfırdan başlayır.",
        "en": "--resume: no checkpoint in {out_dir}, training starts from scratch.",
    },
    "train_out_dir_used": {
        "az": "{out_dir} qovluğunda artıq təlim nəticələri var. Davam etmək üçün --resume, yenisi üçün başqa "
              "--out-dir verin.",
        "en": "{out_dir} already holds a run. Pass --resume to continue it, or another --out-dir for a new one.",
    },
    "train_capped": {
        "az": "Öyrənmə sürəti cədvəli {schedule} addımdır: təlim {schedule} nömrəli addımda dayanacaq "
              "(daha uzun təlim üçün yeni qovluqda --schedule-steps ilə başlayın).",
        "en": "The learning-rate schedule has {schedule} steps: training stops at step {schedule} "
              "(for a longer run start a new folder with --schedule-steps).",
    },
    "train_eval": {
        "az": "addım {step}: təlim itkisi {train:.4f}, validasiya itkisi {val:.4f}, perplexity {ppl:.2f}",
        "en": "step {step}: train loss {train:.4f}, validation loss {val:.4f}, perplexity {ppl:.2f}",
    },
    "train_saved": {"az": "Checkpoint saxlanıldı: {path}", "en": "Checkpoint saved: {path}"},
    "train_progress": {"az": "Təlim", "en": "Training"},
    "train_nan": {
        "az": "Addım {step}: itki {loss} oldu (NaN/sonsuz) — təlim dayandırıldı. Son yaxşı checkpoint: {checkpoint}. "
              "Məsləhətlər: öyrənmə sürətini azaldın (--lr, indi {lr:.2e}); məlumatı yoxlayın (boş mətn və ya "
              "səhv tokenlər olmasın); dəqiqlik {precision}: fp16-da daşma (overflow) ola bilər — bf16 və ya fp32 "
              "sınayın; qradiyentin kəsilməsi (clipping) açıq qalsın.",
        "en": "Step {step}: the loss became {loss} (NaN/inf) — training stopped. Last good checkpoint: {checkpoint}. "
              "Advice: lower the learning rate (--lr, now {lr:.2e}); check the data (no empty or wrong tokens); "
              "precision {precision}: fp16 can overflow — try bf16 or fp32; keep gradient clipping on.",
    },
    "train_nan_short": {
        "az": "itki {loss} oldu (NaN/sonsuz): geri yayılma (backward) aparılmadı, çəkilər dəyişmədi.",
        "en": "the loss became {loss} (NaN/inf): no backward pass was done, the weights are unchanged.",
    },
    "train_none": {"az": "yoxdur", "en": "none"},
    "train_oom_retry": {
        "az": "Yaddaş çatmadı (OOM): mikro-batch {old_micro} → {micro}, Qradiyent Yığımı {old_accum} → {accum}. "
              "Effektiv Batch Size {effective} olaraq qalır; addım {step} yenidən başlayır.",
        "en": "Out of memory (OOM): micro-batch {old_micro} → {micro}, gradient accumulation {old_accum} → {accum}. "
              "The effective batch size stays {effective}; step {step} starts again.",
    },
    "train_oom_fatal": {
        "az": "Mikro-batch 1 ilə də yaddaş çatmır. Daha kiçik profil seçin (--profile cpu və ya tiny), "
              "block_size-ı azaldın və ya aktivasiya checkpoint-ini (gradient checkpointing) işə salın "
              "(model.gradient_checkpointing = True).",
        "en": "Even a micro-batch of 1 does not fit in memory. Pick a smaller profile (--profile cpu or tiny), "
              "shorten block_size or turn on gradient checkpointing (model.gradient_checkpointing = True).",
    },
    "train_not_synced": {
        "az": "Daxili xəta: {n} mikro-addımdan sonra qradiyentlər sinxronlaşmadı (accelerator.step={step}). "
              "train_step-i accelerator.gradient_accumulation_steps ilə eyni yığımla çağırın.",
        "en": "Internal error: gradients did not sync after {n} micro-steps (accelerator.step={step}). "
              "Call train_step with the accelerator's gradient_accumulation_steps.",
    },
    "train_done": {
        "az": "Təlim bitdi: addım {step}, {seconds:.0f} s. Ən yaxşı validasiya itkisi: {best}. "
              "Nəticələr: {out_dir} (metrics.jsonl, loss.png, checkpoints/)",
        "en": "Training finished: step {step}, {seconds:.0f} s. Best validation loss: {best}. "
              "Results: {out_dir} (metrics.jsonl, loss.png, checkpoints/)",
    },
    "train_nothing_to_do": {
        "az": "Checkpoint artıq {step} nömrəli addımdadır (≥ --max-steps {stop}): öyrədiləcək addım qalmayıb.",
        "en": "The checkpoint is already at step {step} (≥ --max-steps {stop}): no steps left to train.",
    },
    "train_samples": {"az": "Modelin yazdığı bir neçə sətir:", "en": "A few lines written by the model:"},
    "train_plot_title": {"az": "Təlim itkisi", "en": "Training loss"},
    "reference_line": {
        "az": "İstinad təlimi (`{command}`, {steps} addım): {device}, {threads} axın, torch {torch}, {date}, "
              "{minutes:.1f} dəq. Kənarda saxlanmış əsərlərdə itki {loss:.3f} ({bpc:.3f} bit/simvol).",
        "en": "Reference run (`{command}`, {steps} steps): {device}, {threads} threads, torch {torch}, {date}, "
              "{minutes:.1f} min. Loss on the held-out works {loss:.3f} ({bpc:.3f} bits/char).",
    },
    "reference_plot_train": {"az": "istinad: təlim", "en": "reference: train"},
    "reference_plot_val": {"az": "istinad: validasiya", "en": "reference: val"},
    "reference_plot_chars": {"az": "modelin gördüyü təlim mətni, milyon simvol",
                             "en": "training text seen, million characters"},
    "reference_plot_bpc": {"az": "bit/simvol", "en": "bits per character"},
    "train_plot_step": {"az": "optimallaşdırıcı addımı", "en": "optimizer step"},
    "train_plot_loss": {"az": "itki (cross-entropy)", "en": "loss (cross-entropy)"},
    "train_plot_train": {"az": "təlim (hər addım)", "en": "train (every step)"},
    "train_plot_val": {"az": "validasiya", "en": "validation"},
    "train_ckpt_corrupt": {
        "az": "Checkpoint {path} zədələnib: {reason}. Onu yükləmirik. Bu qovluğu silin (onda əvvəlki checkpoint "
              "götürüləcək) və ya təlimi yeni --out-dir ilə başlayın.",
        "en": "Checkpoint {path} is damaged: {reason}. It is not loaded. Delete that folder (the previous "
              "checkpoint is then used) or start the run in a new --out-dir.",
    },
    "train_ckpt_no_meta": {"az": "{name} yoxdur və ya oxunmur", "en": "{name} is missing or unreadable"},
    "train_ckpt_missing_file": {"az": "{name} faylı yoxdur", "en": "the file {name} is missing"},
    "train_ckpt_checksum": {
        "az": "{name} faylının SHA-256 yoxlama cəmi uyğun gəlmir (fayl dəyişib və ya yarımçıq yazılıb)",
        "en": "the SHA-256 of {name} does not match (the file changed or was cut short)",
    },
    "train_ckpt_mismatch": {
        "az": "Checkpoint {path} başqa model/tokenizator üçündür: {field} orada {saved}, indi isə {current}. "
              "Eyni profil və korpusla davam edin və ya yeni --out-dir seçin.",
        "en": "Checkpoint {path} belongs to another model/tokenizer: {field} is {saved} there but {current} now. "
              "Resume with the same profile and corpus, or pick a new --out-dir.",
    },
    "train_bar_skipped": {"az": "buraxılan", "en": "skipped"},
    "train_bar_loss": {"az": "itki", "en": "loss"},
    "train_bar_tokens": {"az": "token/s", "en": "tok_s"},
    "train_bar_memory": {"az": "yaddaş", "en": "mem"},
    "train_step_skipped": {
        "az": "Addım {step} buraxıldı: fp16 qradiyenti daşdı (inf/NaN), çəkilər dəyişmədi. GradScaler miqyası "
              "azaldı: {scale}. Təlimin əvvəlində bir neçə belə addım normaldır.",
        "en": "Step {step} skipped: the fp16 gradient overflowed (inf/NaN), the weights are unchanged. The "
              "GradScaler's scale was lowered to {scale}. A few such steps early in training are normal.",
    },
    "train_skips_stuck": {
        "az": "Ardıcıl {n} addım buraxıldı (son addım {step}, dəqiqlik {precision}, GradScaler miqyası {scale}): "
              "qradiyent hər dəfə daşır, model heç nə öyrənmir — təlim dayandırıldı. Məsləhətlər: öyrənmə sürətini "
              "azaldın (--lr); kartınız dəstəkləyirsə bf16, yoxsa fp32 ilə işlədin (COURSE_PRECISION=fp32); "
              "məlumatı yoxlayın.",
        "en": "{n} steps in a row were skipped (last step {step}, precision {precision}, GradScaler scale {scale}): "
              "the gradient overflows every time and the model learns nothing — training stopped. Advice: lower "
              "the learning rate (--lr); run in bf16 if your card supports it, otherwise in fp32 "
              "(COURSE_PRECISION=fp32); check the data.",
    },
    "train_unknown": {"az": "məlum deyil", "en": "unknown"},
    "train_ckpt_precision_changed": {
        "az": "Checkpoint {saved} dəqiqliyi ilə yazılıb, təlim indi {now} ilə davam edir (məsələn, Colab T4 "
              "əvəzinə başqa GPU verib). Çəkilər və optimallaşdırıcı olduğu kimi yüklənir.",
        "en": "The checkpoint was written in {saved}; training now continues in {now} (say, Colab gave you "
              "another GPU than a T4). The weights and the optimizer load as they are.",
    },
    "train_ckpt_fresh_scale": {
        "az": "Checkpoint-də GradScaler vəziyyəti (scaler.pt) yoxdur — o, fp16 olmadan yazılıb. Checkpoint "
              "zədələnməyib: fp16 təlimi yeni itki miqyası ilə ({scale}) başlayır.",
        "en": "The checkpoint has no GradScaler state (scaler.pt): it was written without fp16. The checkpoint is "
              "not damaged: fp16 training starts from a fresh loss scale ({scale}).",
    },
    "train_bad_argument": {
        "az": "{prog}: səhv arqument — {message}\nHeç nə yazılmadı. Bütün arqumentlər üçün: {prog} --help",
        "en": "{prog}: wrong argument — {message}\nNothing was written. For all the arguments: {prog} --help",
    },
    "train_arg_positive_int": {
        "az": "'{value}' olmaz: müsbət tam ədəd lazımdır (1, 2, 3, …)",
        "en": "'{value}' will not do: a positive whole number is needed (1, 2, 3, …)",
    },
    "train_arg_positive_float": {
        "az": "'{value}' olmaz: müsbət ədəd lazımdır, məsələn 6e-4 və ya 0.8",
        "en": "'{value}' will not do: a positive number is needed, e.g. 6e-4 or 0.8",
    },
    "train_arg_required": {"az": "bu arqument mütləqdir: {args}", "en": "this argument is required: {args}"},
    "train_arg_seed": {
        "az": "'{value}' olmaz: toxum (seed) 0 ilə 4294967295 arasında tam ədəd olmalıdır",
        "en": "'{value}' will not do: the seed must be a whole number from 0 to 4294967295",
    },
    "train_out_dir_file": {
        "az": "{out_dir} qovluq deyil, fayldır. --out-dir üçün başqa ad seçin. Heç nə yazılmadı.",
        "en": "{out_dir} is a file, not a folder. Pick another name for --out-dir. Nothing was written.",
    },
    "train_arg_named": {"az": "{name}: {detail}", "en": "{name}: {detail}"},
    "train_arg_expects_value": {"az": "bir qiymət gözlənilir", "en": "a value is expected"},
    "train_arg_choice": {"az": "{value} olmaz, bunlardan birini seçin: {valid}",
                         "en": "{value} will not do, pick one of: {valid}"},
    "train_arg_unknown": {"az": "belə arqument yoxdur: {args}", "en": "no such argument: {args}"},
}
