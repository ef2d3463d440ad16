"""Cells of the notebooks: batches and epochs (exercise 4), overfitting and early stopping, the optimisers."""

from notebooks.source.cells import code, md

BATCHES = [
    md(
        """
        ## Batches and epochs

        In practice steps 2 and 3 run on batches: shuffle the N examples, cut them into batches of
        size B; each batch gives its own loss and one update; one epoch is every batch once, so
        ⌈N/B⌉ updates per epoch. The scene BatchesEpochs does it for a network of 3 sigmoids on
        N = 200 hours (η = 0.3, 20 epochs), against the full batch (B = N: one update per epoch).

        ### Exercise 4: the batch size B

        Change `BATCH_SIZE` (2 to 200) and run the two cells again.
        """,
        """
        ## 批量与回合

        实际做步骤 2 和步骤 3 时用的是批量：把 N 个样本打乱，分成大小为 B 的批量；每个批量算自己的损失，
        更新一次；每个批量都用过一次就是一个回合，所以每个回合有 ⌈N/B⌉ 次更新。场景 BatchesEpochs 对
        3 个 sigmoid 的网络、N = 200 个小时这样做（η = 0.3，20 个回合），并和全批量（B = N：每个回合更新一次）比较。

        ### 练习 4：批量大小 B

        修改 `BATCH_SIZE`（2 到 200），再运行下面两个单元格。
        """,
    ),
    code(
        """
        from scenes.piecewise.batches import BatchesEpochs, updates_per_epoch
        from scenes.piecewise.batches import run_config as batch_config

        BATCH = {p.name: p.default for p in BatchesEpochs.PARAMS}  # the scene's own settings
        BATCH_SIZE = 20  # <- change me

        settings = {name: BATCH[name] for name in ("n", "sigmoids", "lr", "epochs", "seed")}
        mini = get_or_train(batch_config(batch_size=BATCH_SIZE, **settings))
        full = get_or_train(batch_config(batch_size=None, **settings))
        hours_b = training_data(batch_config(batch_size=BATCH_SIZE, **settings))
        to_riders2 = hours_b.meta["std"] ** 2
        per_epoch = int(np.sum(mini.epoch_of_step == 0))
        plt.plot(np.arange(mini.n_steps + 1) / per_epoch, mini.train_loss * to_riders2,
                 label=t("batches.mini", b=BATCH_SIZE, updates=mini.n_steps))
        plt.plot(np.arange(full.n_steps + 1), full.train_loss * to_riders2, "o-", ms=3,
                 label=t("batches.full", n=len(hours_b.y), updates=full.n_steps))
        plt.xlabel(t("batches.epochs_axis"))
        plt.ylabel(t("batches.loss_all", n=len(hours_b.y)) + f" ({t('linear.riders_axis')})²", fontsize=8)
        plt.legend()
        plt.show()
        """
    ),
    code(
        """
        # Check: the updates counted from the run against ⌈N/B⌉, and the noise of small batches.
        import math

        n_hours, epochs = len(hours_b.y), BATCH["epochs"]
        assert per_epoch == updates_per_epoch(n_hours, BATCH_SIZE) == math.ceil(n_hours / BATCH_SIZE)
        assert mini.n_steps == per_epoch * epochs and full.n_steps == epochs
        rises = int(np.sum(np.diff(mini.train_loss) > 0))
        key = "batches.per_epoch" if n_hours % BATCH_SIZE == 0 else "batches.per_epoch_rounded"
        print(t(key, n=n_hours, b=BATCH_SIZE, updates=per_epoch), f"× {epochs} = {mini.n_steps}")
        low_mini, low_full = (f"{run.train_loss[-1] * to_riders2:,.0f}" for run in (mini, full))
        if BATCH_SIZE >= n_hours:
            assert np.allclose(mini.train_loss, full.train_loss)
            print(f"B = N = {n_hours}: one batch holds every hour, so this is the full batch itself (L = {low_full}).")
        else:
            print(say("batches.rises", rises=rises, updates=mini.n_steps))
            lower = "batches.mini_lower" if mini.train_loss[-1] < full.train_loss[-1] else "batches.full_lower"
            print(say(lower, mini=low_mini, full=low_full))
        print(f"A smaller B gives more updates per epoch ({per_epoch} here) from noisier losses (each batch is a "
              f"sample of the hours); the full batch makes {epochs} careful updates in the same epochs.")
        """,
        """
        # 检查：从训练记录数出的更新次数和 ⌈N/B⌉ 对照，再看小批量的噪声。
        import math

        n_hours, epochs = len(hours_b.y), BATCH["epochs"]
        assert per_epoch == updates_per_epoch(n_hours, BATCH_SIZE) == math.ceil(n_hours / BATCH_SIZE)
        assert mini.n_steps == per_epoch * epochs and full.n_steps == epochs
        rises = int(np.sum(np.diff(mini.train_loss) > 0))
        key = "batches.per_epoch" if n_hours % BATCH_SIZE == 0 else "batches.per_epoch_rounded"
        print(t(key, n=n_hours, b=BATCH_SIZE, updates=per_epoch), f"× {epochs} = {mini.n_steps}")
        low_mini, low_full = (f"{run.train_loss[-1] * to_riders2:,.0f}" for run in (mini, full))
        if BATCH_SIZE >= n_hours:
            assert np.allclose(mini.train_loss, full.train_loss)
            print(f"B = N = {n_hours}：一个批量就装下了所有小时，所以这就是全批量本身（L = {low_full}）。")
        else:
            print(say("batches.rises", rises=rises, updates=mini.n_steps))
            lower = "batches.mini_lower" if mini.train_loss[-1] < full.train_loss[-1] else "batches.full_lower"
            print(say(lower, mini=low_mini, full=low_full))
        print(f"B 越小，每个回合的更新越多（这里是 {per_epoch} 次），但每次的损失噪声更大"
              f"（每个批量只是这些小时的一部分）；全批量在同样的回合里只仔细地更新 {epochs} 次。")
        """,
    ),
]

OVERFITTING = [
    md(
        """
        ## Overfitting, and early stopping

        More layers fit the training data better, but the loss on unseen data can rise again: overfitting.
        The scene Overfitting shows it where it really happens, on Seattle's daily maximum temperature
        (the previous 56 days predict the next; 4 hidden layers of 32 ReLUs, Adam, MAE in °C, 150 epochs,
        3 random starts). The days are cut by time: training, validation (never trained on, the part
        early stopping watches) and 2015, unseen (only reported). The first run of this cell trains the
        three networks (about a minute); later runs read them from the cache.
        """,
        """
        ## 过拟合与早停

        更多的层能更好地拟合训练数据，但在未见数据上的损失可能又升上去：这就是过拟合。场景 Overfitting
        在真正出现过拟合的地方展示它：西雅图的每日最高气温（用前 56 天预测下一天；4 个隐藏层，每层 32 个 ReLU，
        Adam，MAE 以 °C 计，150 个回合，3 个随机起点）。日子按时间切开：训练、验证（从不参与训练，早停只看它）
        和 2015 年的未见数据（只用来报告）。第一次运行这个单元格会训练这三个网络（大约一分钟），之后从缓存读取。
        """,
    ),
    code(
        """
        from mathcore.studies.overfitting import DEFAULT, early_stop, overfit_curves

        curves = overfit_curves(DEFAULT)  # the scene's runs, no early stopping
        stop = early_stop(DEFAULT, 0)     # the same run with early stopping (patience 20 epochs)
        train, val, unseen = curves.train[0], curves.val[0], curves.unseen[0]
        lowest = int(np.argmin(unseen))
        for values, part in ((train, "train"), (val, "val"), (unseen, "unseen")):
            first, last = curves.periods[part]
            plt.plot(curves.epochs, values, label=t(f"overfit.part.{part}", first=first, last=last))
        plt.axvline(stop.kept_epoch, color="green", ls="--")
        plt.axvline(stop.stopped_at, color="grey", ls=":")
        plt.ylim(0, 1.3 * max(val[-1], unseen[-1]))
        plt.xlabel(t("overfit.epoch_axis"))
        plt.ylabel(t("overfit.loss_axis", unit=curves.unit))
        plt.legend()
        plt.show()
        two = lambda v: f"{v:.2f}"
        print(t("overfit.train_end", epochs=DEFAULT.epochs, value=two(train[-1]), unit=curves.unit))
        if curves.overfits():
            print(say("overfit.verdict", epoch=lowest, a=two(unseen[lowest]), b=two(unseen[-1]), unit=curves.unit))
        else:
            spread = two(curves.seed_spread())
            print(say("overfit.no_verdict", runs=len(DEFAULT.seeds), spread=spread, unit=curves.unit))
        print(say("overfit.stopped", patience=DEFAULT.patience, stopped=stop.stopped_at, kept=stop.kept_epoch))
        print(say("overfit.kept_unseen", kept=stop.kept_epoch, value=two(stop.unseen), unit=curves.unit))
        """
    ),
    md(
        """
        The scene itself, its last frame (it reads the same cached runs):
        """,
        """
        场景本身的最后一帧（它读取的是同样的缓存训练）：
        """,
    ),
    code(
        """
        %%manim -ql -s -r 320,180 -v WARNING --progress_bar none Overfitting
        from scenes.deep.overfitting import Overfitting
        """
    ),
]

OPTIMISERS = [
    md(
        """
        ## Optimisers

        Beyond plain gradient descent: momentum, AdaGrad, RMSProp and Adam (`mathcore.optim`, PyTorch's
        update rules). As in the scene OptimizerRace: the one-hour model with riders counted in hundreds
        (a long, narrow valley), one start, 20 updates, each optimiser at its best η of the 1-2-5 list
        0.001 … 5 (the one with the lowest loss after 20 updates). ✓ in the table below: within 1 % of
        the lowest loss L* after 20 updates.
        """,
        """
        ## 优化器

        除了普通的梯度下降，还有动量、AdaGrad、RMSProp 和 Adam（`mathcore.optim`，与 PyTorch 的更新规则相同）。
        和场景 OptimizerRace 一样：一小时模型，人数以百人计（一条又长又窄的山谷），同一个起点，更新 20 次，
        每个优化器用 1-2-5 序列 0.001 … 5 中最好的 η（更新 20 次后损失最低的那个）。下表中的 ✓：更新 20 次后
        损失在最低损失 L* 的 1 % 以内。
        """,
    ),
    code(
        """
        from mathcore.studies.long_bowl import descend, in_riders, long_bowl, loss_in_riders, sweep_rates
        from mathcore.studies.rate_sweep import RATE_GRID
        from scenes.long_bowl_map import B_RANGE, W_RANGE, bowl_grid
        from scenes.optimisers.race import OPTIMISERS, OptimizerRace

        RACE = {p.name: p.default for p in OptimizerRace.PARAMS}  # the scene's own settings
        bowl, start, steps = long_bowl(), (RACE["w0"], RACE["b0"]), RACE["steps"]
        races = {}
        for name in OPTIMISERS:
            best_eta = sweep_rates(name, RATE_GRID, start, steps).best_rate
            races[name] = (best_eta, descend(name, best_eta, start, steps))
        every = np.vstack([run.thetas for _, run in races.values()])  # the map holds every path, as in the scene
        window = [(min(low, np.floor(every[:, i].min() * 2) / 2), max(high, np.ceil(every[:, i].max() * 2) / 2))
                  for i, (low, high) in enumerate((W_RANGE, B_RANGE))]
        w_map, b_map, l_map = bowl_grid(*window)
        plt.figure(figsize=(6, 4.2))
        plt.contourf(w_map, b_map, np.log10(l_map), levels=30, cmap="viridis")  # b in riders/h, L in (riders/h)²
        for name, (eta, run) in races.items():
            plt.plot(run.thetas[:, 0], in_riders(run.thetas[:, 1]), ".-", label=f"{t('race.' + name)} (η = {eta:g})")
        plt.plot(bowl.w_star, in_riders(bowl.b_star), "rx", ms=12, mew=3)
        plt.xlabel("w")
        plt.ylabel(f"b ({t('linear.riders_axis')})")
        plt.legend(fontsize=8)
        plt.show()
        print(f"L* = {loss_in_riders(bowl.loss_star):,.0f} ({t('linear.riders_axis')})²")
        for name, (eta, run) in races.items():
            near = "✓" if bowl.is_near_minimum(run.train_loss[steps]) else "✗"
            print(f"{near} {t('race.' + name):>16}  η = {eta:<6g} L = {loss_in_riders(run.train_loss[steps]):9,.0f}   "
                  f"{t('race.idea.' + name, beta=run.config['optimizer'].get('beta', ''))}")
        """
    ),
]

END = [
    md(
        """
        ## What next

        - Every scene: `.venv/bin/explainer list`, and one of them as a video,
          `.venv/bin/explainer render ReluFitTraining --set n_relus=4` (the run of exercise 2 with 4 ReLUs).
        - The book's experiment table, rerun on public data: `.venv/bin/explainer table`.
        """,
        """
        ## 接下来

        - 所有场景：`.venv/bin/explainer list`；把其中一个渲染成视频：
          `.venv/bin/explainer render ReluFitTraining --set n_relus=4 --lang zh`（就是练习 2 中 4 个 ReLU 的那次训练）。
        - 在公开数据上重做书中的实验表：`.venv/bin/explainer table`。
        """,
    ),
]
